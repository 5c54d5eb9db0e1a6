// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.cli;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.tipbridge.bridge.handle.HandleNames;
import org.tipbridge.bridge.store.Cases;
import org.tipbridge.bridge.store.Channel;
import org.tipbridge.bridge.store.RecordFilter;
import org.tipbridge.bridge.store.RecordStore;
import picocli.CommandLine.Option;

/** The filters and paging of {@code queue list}, checked and turned into a {@link RecordFilter}. */
public final class RecordFilterOptions {
    /** Most records on one page. */
    static final int MAX_LIMIT = 100_000;

    @Option(names = "--status", paramLabel = "S", description = "Only records with this status.")
    String status;

    @Option(names = "--tag", paramLabel = "T", description = "Only records with this tag.")
    String tag;

    @Option(names = "--channel", paramLabel = "C", description = "Only records that came by email or signal.")
    String channel;

    @Option(names = "--handle", paramLabel = "H", description = "Only records of this conversation.")
    String handle;

    @Option(
            names = "--since",
            paramLabel = "DATE",
            description = "Only records received on or after DATE (YYYY-MM-DD, from 00:00 UTC).")
    String since;

    @Option(
            names = "--assigned",
            paramLabel = "NAME",
            description = "Only records assigned to NAME; `none`: only records assigned to nobody.")
    String assigned;

    @Option(names = "--limit", paramLabel = "N", defaultValue = "50", description = "Records per page (default 50).")
    int limit;

    @Option(
            names = "--before",
            paramLabel = "ID",
            description = "The next page: records listed after record ID (as the previous page says).")
    Long before;

    /** The checked filter; exit 2 naming the rule a value breaks. */
    RecordFilter filter() {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new CliFailure.Usage("--limit must be between 1 and " + MAX_LIMIT);
        }
        if (before != null && before < 1) {
            throw new CliFailure.Usage("--before takes a record id from `tipbridge queue list`");
        }
        return new RecordFilter(
                Optional.ofNullable(status).map(RecordFilterOptions::status),
                Optional.ofNullable(tag).map(QueueTags::checked),
                Optional.ofNullable(channel).map(RecordFilterOptions::channel),
                Optional.ofNullable(handle).map(RecordFilterOptions::handle),
                Optional.ofNullable(since).map(RecordFilterOptions::since),
                Optional.ofNullable(assigned).map(RecordFilterOptions::assignment),
                before == null ? OptionalLong.empty() : OptionalLong.of(before),
                limit);
    }

    /** A handle has the shape of one (it is repeated in the next-page hint); exit 2 otherwise. */
    private static String handle(String value) {
        if (!HandleNames.isHandle(value)) {
            throw new CliFailure.Usage(
                    "--handle takes a handle as `tipbridge queue list` shows it, e.g. " + "amber-otter-7K4QX");
        }
        return value;
    }

    /** Whether any filter (not counting paging) is set. */
    boolean filtering() {
        return status != null || tag != null || channel != null || handle != null || since != null || assigned != null;
    }

    /** The options again, with {@code --before next} instead of any earlier {@code --before}, for the next page. */
    String nextPage(long next) {
        List<String> args = new ArrayList<>();
        add(args, "--status", status);
        add(args, "--tag", tag);
        add(args, "--channel", channel);
        add(args, "--handle", handle);
        add(args, "--since", since);
        add(args, "--assigned", assigned);
        if (limit != 50) {
            add(args, "--limit", String.valueOf(limit));
        }
        add(args, "--before", String.valueOf(next));
        return String.join(" ", args);
    }

    private static void add(List<String> args, String option, String value) {
        if (value != null) {
            args.add(option + " " + value);
        }
    }

    private static String status(String s) {
        if (!RecordStore.STATUSES.contains(s)) {
            throw new CliFailure.Usage("--status must be one of " + String.join(", ", RecordStore.STATUSES));
        }
        return s;
    }

    private static Channel channel(String c) {
        return switch (c) {
            case "email" -> Channel.EMAIL;
            case "signal" -> Channel.SIGNAL;
            default -> throw new CliFailure.Usage("--channel must be email or signal");
        };
    }

    private static java.time.Instant since(String date) {
        try {
            return LocalDate.parse(date).atStartOfDay(ZoneOffset.UTC).toInstant();
        } catch (DateTimeParseException e) {
            throw new CliFailure.Usage("--since takes a date as YYYY-MM-DD, e.g. 2026-11-01");
        }
    }

    private static RecordFilter.Assignment assignment(String name) {
        if (name.equals("none")) {
            return new RecordFilter.Nobody();
        }
        if (!Cases.ANALYST.matcher(name).matches()) {
            throw new CliFailure.Usage(QueueTags.ANALYST_RULE.replace("ANALYST", "--assigned"));
        }
        return new RecordFilter.To(name);
    }
}

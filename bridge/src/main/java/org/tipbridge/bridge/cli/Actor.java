// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.cli;

/**
 * Who runs the CLI, for the audit log: the operating-system account (analysts each have their
 * own), cut to 64 printable characters. It is not proof of identity: whoever can run the CLI as
 * that account acts as it.
 */
final class Actor {
    private Actor() {}

    static String current() {
        String name = System.getProperty("user.name", "");
        String printable = name.replaceAll("[^\\p{Alnum}._@-]", "_");
        if (printable.isEmpty()) {
            return "unknown";
        }
        return printable.length() > 64 ? printable.substring(0, 64) : printable;
    }
}

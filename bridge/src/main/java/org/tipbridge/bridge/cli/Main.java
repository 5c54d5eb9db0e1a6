// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.cli;

public final class Main {
    public static void main(String[] args) {}
}

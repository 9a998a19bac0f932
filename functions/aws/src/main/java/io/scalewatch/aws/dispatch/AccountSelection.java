package io.scalewatch.aws.dispatch;

import java.util.List;
import java.util.Objects;

/**
 * The accounts a dispatch run scans and those it skipped, with why.
 *
 * @param accounts the accounts to scan, in id order
 * @param skipped the accounts left out (not ACTIVE, excluded by id or by OU)
 */
public record AccountSelection(List<String> accounts, List<Skipped> skipped) {
    /** An account left out and why ({@code state SUSPENDED}, {@code excluded}, {@code under excluded OU ou-...}). */
    public record Skipped(String account, String reason) {
        public Skipped {
            Objects.requireNonNull(account, "account");
            Objects.requireNonNull(reason, "reason");
        }
    }

    public AccountSelection {
        accounts = List.copyOf(accounts);
        skipped = List.copyOf(skipped);
    }
}

package io.scalewatch.aws.dispatch;

import io.scalewatch.aws.access.AwsErrors;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.organizations.OrganizationsClient;
import software.amazon.awssdk.services.organizations.model.Account;
import software.amazon.awssdk.services.organizations.model.OrganizationalUnit;

/**
 * Lists an organization's accounts with AWS Organizations (from the management or a delegated administrator
 * account): {@code ListAccounts} for the whole organization, or {@code ListAccountsForParent} under each included
 * OU and, recursively, its child OUs ({@code ListOrganizationalUnitsForParent}). Only {@code ACTIVE} accounts are
 * scanned: a suspended or closing account cannot be read (its roles cannot be assumed).
 */
public final class OrganizationAccounts {
    private static final String ACTIVE = "ACTIVE";
    private final OrganizationsClient organizations;

    /** Lists with this client (the SDK's paginators; its standard retries ride out throttling). */
    public OrganizationAccounts(OrganizationsClient organizations) {
        this.organizations = Objects.requireNonNull(organizations, "organizations");
    }

    /**
     * The accounts to scan.
     *
     * @param includeOus OUs or roots to take accounts from, nested OUs included; empty: the whole organization
     * @param excludeOus OUs whose accounts (nested OUs included) are skipped
     * @param excludeAccounts accounts skipped
     * @throws AccountEnumerationException when Organizations cannot list them (message scrubbed)
     */
    public AccountSelection select(Collection<String> includeOus, Collection<String> excludeOus,
            Collection<String> excludeAccounts) {
        try {
            Map<String, Account> accounts = new TreeMap<>();
            if (includeOus.isEmpty()) {
                organizations.listAccountsPaginator(b -> {}).stream().flatMap(page -> page.accounts().stream())
                        .forEach(a -> accounts.putIfAbsent(a.id(), a));
            } else {
                for (String ou : includeOus) {
                    underOu(ou).forEach(a -> accounts.putIfAbsent(a.id(), a));
                }
            }
            Map<String, String> excludedOu = new TreeMap<>();
            for (String ou : excludeOus) {
                underOu(ou).forEach(a -> excludedOu.putIfAbsent(a.id(), ou));
            }
            List<String> selected = new ArrayList<>();
            List<AccountSelection.Skipped> skipped = new ArrayList<>();
            for (Account account : accounts.values()) {
                String state = stateOf(account);
                if (excludeAccounts.contains(account.id())) {
                    skipped.add(new AccountSelection.Skipped(account.id(), "excluded"));
                } else if (excludedOu.containsKey(account.id())) {
                    skipped.add(new AccountSelection.Skipped(account.id(),
                            "under excluded OU " + excludedOu.get(account.id())));
                } else if (!ACTIVE.equals(state)) {
                    skipped.add(new AccountSelection.Skipped(account.id(), "state " + state));
                } else {
                    selected.add(account.id());
                }
            }
            return new AccountSelection(selected, skipped);
        } catch (SdkException e) {
            throw new AccountEnumerationException("AWS Organizations cannot list the accounts: "
                    + AwsErrors.describe(e));
        }
    }

    /** Every account under a root or OU, nested OUs included. */
    private List<Account> underOu(String parent) {
        List<Account> out = new ArrayList<>();
        Deque<String> parents = new ArrayDeque<>(List.of(parent));
        Set<String> seen = new HashSet<>();
        while (!parents.isEmpty()) {
            String next = parents.removeFirst();
            if (!seen.add(next)) {
                continue;
            }
            organizations.listAccountsForParentPaginator(b -> b.parentId(next)).stream()
                    .flatMap(page -> page.accounts().stream()).forEach(out::add);
            organizations.listOrganizationalUnitsForParentPaginator(b -> b.parentId(next)).stream()
                    .flatMap(page -> page.organizationalUnits().stream()).map(OrganizationalUnit::id)
                    .forEach(parents::addLast);
        }
        return out;
    }

    /** {@code State} (since 2025), else the older {@code Status}; upper case, {@code UNKNOWN} when neither. */
    private static String stateOf(Account account) {
        if (account.stateAsString() != null) {
            return account.stateAsString();
        }
        return account.statusAsString() != null ? account.statusAsString() : "UNKNOWN";
    }
}

package io.promoagent.email;

import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** Addresses that must never be mailed, whatever the customer records say (legal requests, role accounts). */
public final class SuppressionList {

    private final Set<String> addresses = ConcurrentHashMap.newKeySet();

    public static SuppressionList of(String... addresses) {
        SuppressionList list = new SuppressionList();
        for (String a : addresses) {
            list.add(a);
        }
        return list;
    }

    public void add(String address) {
        addresses.add(address.trim().toLowerCase(Locale.ROOT));
    }

    public boolean contains(String address) {
        return addresses.contains(address.trim().toLowerCase(Locale.ROOT));
    }
}

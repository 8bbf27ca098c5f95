package io.promoagent.example.demo;

import java.util.Arrays;
import java.util.random.RandomGenerator;

/**
 * Which segment each customer is meant to reach, and which customers play the parts the prototype's
 * examples need: John Smith, other Johns, and VIPs who opted out or whose mail bounced.
 *
 * <p>Segments are dealt by quota (5.5–7.5 % VIP, 22–28 % Premium) rather than left to chance, so that the
 * shares hold for every seed; a data set too small for the quota still gets its special VIPs.
 */
final class CustomerCast {
    /** A part a customer plays in the prototype's examples. */
    enum Role {
        NONE,
        /** John Smith, john@example.com, a VIP who opted in. */
        JOHN_SMITH,
        /** Another customer whose first name is John, so that "Email John" is ambiguous. */
        OTHER_JOHN,
        OPTED_OUT_VIP,
        BOUNCED_VIP
    }

    private static final int OTHER_JOHNS = 3;
    private static final Role[] SPECIAL_VIPS = {Role.JOHN_SMITH, Role.OPTED_OUT_VIP, Role.BOUNCED_VIP};

    private final Segment[] segments;
    private final Role[] roles;

    private CustomerCast(Segment[] segments, Role[] roles) {
        this.segments = segments;
        this.roles = roles;
    }

    static CustomerCast cast(RandomGenerator random, int customers) {
        int[] order = RandomDraws.permutation(random, customers);
        int specialVips = Math.min(customers, SPECIAL_VIPS.length);
        int vips = Math.max(specialVips, (int) Math.round(customers * RandomDraws.between(random, 0.055, 0.075)));
        int premiums = Math.min(customers - vips,
                (int) Math.round(customers * RandomDraws.between(random, 0.22, 0.28)));

        Segment[] segments = new Segment[customers];
        Role[] roles = new Role[customers];
        Arrays.fill(segments, Segment.REGULAR);
        Arrays.fill(roles, Role.NONE);
        for (int rank = 0; rank < vips + premiums; rank++) {
            segments[order[rank]] = rank < vips ? Segment.VIP : Segment.PREMIUM;
        }
        for (int rank = 0; rank < specialVips; rank++) {
            roles[order[rank]] = SPECIAL_VIPS[rank];
        }
        // The other Johns come from anywhere in the shuffled order, so their segments vary.
        int johns = Math.min(OTHER_JOHNS, customers - specialVips);
        for (int cast = 0; cast < johns; ) {
            int index = order[specialVips + random.nextInt(customers - specialVips)];
            if (roles[index] == Role.NONE) {
                roles[index] = Role.OTHER_JOHN;
                cast++;
            }
        }
        return new CustomerCast(segments, roles);
    }

    int size() {
        return segments.length;
    }

    Segment segment(int customerIndex) {
        return segments[customerIndex];
    }

    Role role(int customerIndex) {
        return roles[customerIndex];
    }
}

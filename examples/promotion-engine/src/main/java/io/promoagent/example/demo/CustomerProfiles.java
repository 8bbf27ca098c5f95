package io.promoagent.example.demo;

import static io.promoagent.example.demo.RandomDraws.chance;
import static io.promoagent.example.demo.RandomDraws.pick;
import static io.promoagent.example.demo.RandomDraws.weightedIndex;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.random.RandomGenerator;

/**
 * Names, addresses and contact preferences of the customers: realistic for each country, with unique
 * lower-case e-mail addresses at reserved example domains, so that no real person can ever be mailed.
 */
final class CustomerProfiles {
    static final String JOHN_SMITH_EMAIL = "john@example.com";

    private static final List<String> EMAIL_DOMAINS =
            List.of("example.com", "example.org", "example.net", "mail.example", "inbox.example");
    private static final double[] EMAIL_DOMAIN_WEIGHTS = {0.35, 0.20, 0.20, 0.15, 0.10};
    private static final Country[] COUNTRIES = Country.values();
    private static final double[] COUNTRY_WEIGHTS = countryWeights();
    private static final double MARKETING_OPT_IN_SHARE = 0.74;

    private CustomerProfiles() {
    }

    static List<CustomerProfile> draw(RandomGenerator random, CustomerCast cast, List<PurchaseHistory> histories) {
        Set<String> emails = new HashSet<>();
        emails.add(JOHN_SMITH_EMAIL);
        List<CustomerProfile> profiles = new ArrayList<>(cast.size());
        for (int i = 0; i < cast.size(); i++) {
            profiles.add(draw(random, i, cast, histories.get(i), emails));
        }
        return profiles;
    }

    private static CustomerProfile draw(RandomGenerator random, int index, CustomerCast cast, PurchaseHistory history,
            Set<String> emails) {
        String id = RowIds.customer(index + 1);
        CustomerCast.Role role = cast.role(index);
        Country country = switch (role) {
            case JOHN_SMITH -> Country.US;
            case OTHER_JOHN -> chance(random, 0.7) ? Country.US : Country.GB;
            default -> COUNTRIES[weightedIndex(random, COUNTRY_WEIGHTS)];
        };
        String city = pick(random, country.cities());
        String firstName = switch (role) {
            case JOHN_SMITH, OTHER_JOHN -> "John";
            default -> pick(random, country.firstNames());
        };
        String lastName = role == CustomerCast.Role.JOHN_SMITH ? "Smith" : pick(random, country.lastNames());
        while (role != CustomerCast.Role.JOHN_SMITH && firstName.equals("John") && lastName.equals("Smith")) {
            // There is exactly one John Smith, so that "Email John Smith" names one person.
            lastName = pick(random, country.lastNames());
        }
        String email = role == CustomerCast.Role.JOHN_SMITH
                ? JOHN_SMITH_EMAIL
                : uniqueEmail(random, firstName, lastName, emails);

        EmailStatus emailStatus = EmailStatus.values()[weightedIndex(random, 0.90, 0.03, 0.02, 0.05)];
        boolean optIn = emailStatus != EmailStatus.UNSUBSCRIBED && chance(random, MARKETING_OPT_IN_SHARE);
        switch (role) {
            case JOHN_SMITH -> {
                emailStatus = EmailStatus.OK;
                optIn = true;
            }
            case OPTED_OUT_VIP -> {
                emailStatus = EmailStatus.OK;
                optIn = false;
            }
            case BOUNCED_VIP -> {
                emailStatus = EmailStatus.BOUNCED;
                optIn = true;
            }
            default -> {
            }
        }
        return new CustomerProfile(id, firstName + " " + lastName, email, country, city, cast.segment(index),
                history.joinDate(), optIn, emailStatus);
    }

    private static String uniqueEmail(RandomGenerator random, String firstName, String lastName, Set<String> taken) {
        String first = asciiLetters(firstName);
        String last = asciiLetters(lastName);
        String localPart = switch (weightedIndex(random, 0.50, 0.15, 0.15, 0.10, 0.10)) {
            case 0 -> first + "." + last;
            case 1 -> first + last;
            case 2 -> first.charAt(0) + "." + last;
            case 3 -> first + "_" + last;
            default -> first + "." + last + RandomDraws.between(random, 10, 99);
        };
        String domain = EMAIL_DOMAINS.get(weightedIndex(random, EMAIL_DOMAIN_WEIGHTS));
        String email = localPart + "@" + domain;
        for (int suffix = 2; !taken.add(email); suffix++) {
            email = localPart + suffix + "@" + domain;
        }
        return email;
    }

    /** The name in lower-case ASCII letters only: accents dropped, spaces and apostrophes removed. */
    private static String asciiLetters(String name) {
        String withoutAccents = Normalizer.normalize(name, Normalizer.Form.NFD).replaceAll("\\p{M}", "");
        return withoutAccents.toLowerCase(Locale.ROOT).replaceAll("[^a-z]", "");
    }

    private static double[] countryWeights() {
        double[] weights = new double[COUNTRIES.length];
        for (int i = 0; i < COUNTRIES.length; i++) {
            weights[i] = COUNTRIES[i].weight();
        }
        return weights;
    }
}

package org.leadhandoff.routing;

import java.util.Set;

/** Which team serves a country: Europe, the Middle East and Africa go to emea; everyone else to amer. */
final class Territories {

    static final String EMEA = "emea";
    static final String AMER = "amer";

    private static final Set<String> EMEA_COUNTRIES = Set.of(
            // Europe
            "AD", "AL", "AT", "AX", "BA", "BE", "BG", "BY", "CH", "CY", "CZ", "DE", "DK", "EE", "ES", "FI", "FO", "FR",
            "GB", "GG", "GI", "GR", "HR", "HU", "IE", "IM", "IS", "IT", "JE", "LI", "LT", "LU", "LV", "MC", "MD", "ME",
            "MK", "MT", "NL", "NO", "PL", "PT", "RO", "RS", "RU", "SE", "SI", "SJ", "SK", "SM", "UA", "VA", "XK",
            // Middle East
            "AE", "BH", "IL", "IQ", "IR", "JO", "KW", "LB", "OM", "PS", "QA", "SA", "SY", "TR", "YE",
            // Africa
            "AO", "BF", "BI", "BJ", "BW", "CD", "CF", "CG", "CI", "CM", "CV", "DJ", "DZ", "EG", "EH", "ER", "ET", "GA",
            "GH", "GM", "GN", "GQ", "GW", "KE", "KM", "LR", "LS", "LY", "MA", "MG", "ML", "MR", "MU", "MW", "MZ", "NA",
            "NE", "NG", "RE", "RW", "SC", "SD", "SH", "SL", "SN", "SO", "SS", "ST", "SZ", "TD", "TG", "TN", "TZ", "UG",
            "YT", "ZA", "ZM", "ZW");

    private Territories() {
    }

    static String teamFor(String country) {
        return country != null && EMEA_COUNTRIES.contains(country) ? EMEA : AMER;
    }
}

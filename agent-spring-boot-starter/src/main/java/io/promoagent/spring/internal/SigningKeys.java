package io.promoagent.spring.internal;

import io.promoagent.spring.PromoAgentConfigurationException;
import io.promoagent.spring.PromoAgentProperties;
import java.security.SecureRandom;
import java.util.Base64;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * The key approval tokens are signed with. There is no built-in default: a known key would let anyone
 * forge approvals. The application names one, or asks explicitly for a random one per process.
 */
public final class SigningKeys {

    /** HMAC-SHA256 gains nothing from a longer key and loses strength with a shorter one. */
    static final int MIN_BYTES = 32;

    private static final Log LOG = LogFactory.getLog(SigningKeys.class);

    private SigningKeys() {
    }

    public static byte[] resolve(PromoAgentProperties.Approvals approvals) {
        String configured = approvals.getSigningKey();
        if (configured != null && !configured.isBlank()) {
            byte[] key;
            try {
                key = Base64.getDecoder().decode(configured.strip());
            } catch (IllegalArgumentException e) {
                throw new PromoAgentConfigurationException("promo-agent.approvals.signing-key is not base64: " + e.getMessage(), e);
            }
            if (key.length < MIN_BYTES) {
                throw new PromoAgentConfigurationException("promo-agent.approvals.signing-key holds " + key.length
                        + " bytes; it needs at least " + MIN_BYTES + " (openssl rand -base64 48)");
            }
            return key;
        }
        if (approvals.isEphemeralSigningKey()) {
            LOG.warn("promo-agent signs approvals with a random key made for this process "
                    + "(promo-agent.approvals.ephemeral-signing-key=true): pending approvals fail after a restart "
                    + "and on any other instance. Set promo-agent.approvals.signing-key in production.");
            byte[] key = new byte[MIN_BYTES];
            new SecureRandom().nextBytes(key);
            return key;
        }
        throw new PromoAgentConfigurationException("promo-agent.approvals.signing-key is not set: give base64 of at least "
                + MIN_BYTES + " random bytes (openssl rand -base64 48), or set "
                + "promo-agent.approvals.ephemeral-signing-key=true for a random key per process (development only)");
    }
}

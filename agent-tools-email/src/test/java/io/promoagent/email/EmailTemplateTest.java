package io.promoagent.email;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class EmailTemplateTest {

    private final EmailTemplate template = new EmailTemplate(
            "{{promotion}} for you, {{first_name}}",
            "Hello {{first_name}},\n{{body}}\n",
            "<p>Hello {{first_name}},</p><p>{{body}}</p>");

    @Test
    void listsTheVariablesItUses() {
        assertThat(template.variables()).containsExactly("promotion", "first_name", "body");
    }

    @Nested
    class UntrustedValues {

        @Test
        void escapesMarkupInTheHtmlPart() {
            EmailTemplate.Rendered r = template.render(Map.of("promotion", "VIP25", "first_name", "<script>alert(1)</script>",
                    "body", "Save \"25%\" & more"));
            assertThat(r.html()).contains("&lt;script&gt;alert(1)&lt;/script&gt;")
                    .contains("Save &quot;25%&quot; &amp; more")
                    .doesNotContain("<script>");
            assertThat(r.text()).contains("<script>alert(1)</script>");
        }

        @Test
        void keepsTheSubjectOnOneLine() {
            EmailTemplate.Rendered r = template.render(Map.of("promotion", "VIP25\r\nBcc: everyone@example.com",
                    "first_name", "Ann", "body", "b"));
            assertThat(r.subject()).doesNotContain("\r").doesNotContain("\n").startsWith("VIP25 Bcc:");
        }

        @Test
        void neverExpandsAPlaceholderThatAValueContains() {
            EmailTemplate.Rendered r = template.render(Map.of("promotion", "{{first_name}}", "first_name", "Ann", "body", "{{body}}"));
            assertThat(r.subject()).isEqualTo("{{first_name}} for you, Ann");
            assertThat(r.html()).contains("&#123;&#123;body&#125;&#125;");
        }

        @Test
        void dropsControlCharacters() {
            EmailTemplate.Rendered r = template.render(Map.of("promotion", "P\u0007", "first_name", "A\u0000nn", "body", "b"));
            assertThat(r.subject()).isEqualTo("P for you, Ann");
        }
    }

    @Test
    void refusesToRenderWithAMissingVariableAndNamesIt() {
        assertThatThrownBy(() -> template.render(Map.of("promotion", "VIP25")))
                .isInstanceOf(EmailException.class)
                .hasMessageContaining("first_name")
                .hasMessageContaining("body");
    }

    @Nested
    class Addresses {
        @Test
        void normalisesToLowerCase() {
            assertThat(EmailAddress.of(" John@Example.COM ").address()).isEqualTo("john@example.com");
        }

        @Test
        void rejectsHeaderInjectionAndNonAddresses() {
            assertThatThrownBy(() -> EmailAddress.of("a@example.com\r\nBcc: b@example.com")).isInstanceOf(EmailException.class);
            assertThatThrownBy(() -> EmailAddress.of("not an address")).isInstanceOf(EmailException.class);
            assertThatThrownBy(() -> EmailAddress.of("a@localhost")).isInstanceOf(EmailException.class);
            assertThatThrownBy(() -> EmailAddress.of("a@example.com", "Ann\nBcc: x")).isInstanceOf(EmailException.class);
        }
    }
}

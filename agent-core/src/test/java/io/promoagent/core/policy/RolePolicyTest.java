package io.promoagent.core.policy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.promoagent.core.security.Principal;
import io.promoagent.core.security.Roles;
import io.promoagent.core.tool.ToolDescriptor;
import io.promoagent.core.ToolEffect;
import org.junit.jupiter.api.Test;

class RolePolicyTest {

    static ToolDescriptor tool(String name, ToolEffect effect) {
        return ToolDescriptor.of(name, "d", JsonNodeFactory.instance.objectNode().put("type", "object"), effect);
    }

    final RolePolicy policy = RolePolicy.defaults();

    @Test
    void anAnalystReadsButCannotProposeWritesOrSends() {
        Principal ann = Principal.of("ann", Roles.ANALYST);
        assertThat(policy.decide(ann, tool("query", ToolEffect.READ)).allowed()).isTrue();
        assertThat(policy.decide(ann, tool("create_promotion", ToolEffect.WRITE)).allowed()).isFalse();
        assertThat(policy.decide(ann, tool("send_email", ToolEffect.SEND)).reason()).contains("ann").contains("send_email");
    }

    @Test
    void aMarketerProposesWritesAndSends() {
        Principal mia = Principal.of("mia", Roles.MARKETER);
        assertThat(policy.decide(mia, tool("create_promotion", ToolEffect.WRITE)).allowed()).isTrue();
        assertThat(policy.decide(mia, tool("send_email", ToolEffect.SEND)).allowed()).isTrue();
    }

    @Test
    void anApproverReadsButDoesNotProposeAndAPrincipalWithoutRolesDoesNothing() {
        assertThat(policy.decide(Principal.of("ada", Roles.APPROVER), tool("create_promotion", ToolEffect.WRITE)).allowed()).isFalse();
        assertThat(policy.decide(Principal.of("nobody"), tool("query", ToolEffect.READ)).allowed()).isFalse();
    }

    @Test
    void aToolCanBeDeniedToARoleByName() {
        RolePolicy p = RolePolicy.builder().allow("marketer", ToolEffect.READ, ToolEffect.SEND).deny("marketer", "send_email").build();
        assertThat(p.decide(Principal.of("mia", "marketer"), tool("send_email", ToolEffect.SEND)).allowed()).isFalse();
        assertThat(p.decide(Principal.of("mia", "marketer"), tool("send_sms", ToolEffect.SEND)).allowed()).isTrue();
    }

    @Test
    void onlySomeRolesSeeUiFieldValues() {
        assertThat(policy.maySeeUiFields(Principal.of("ann", Roles.ANALYST))).isFalse();
        assertThat(policy.maySeeUiFields(Principal.of("mia", Roles.MARKETER))).isTrue();
    }
}

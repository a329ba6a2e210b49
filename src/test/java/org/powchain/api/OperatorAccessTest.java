package org.powchain.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Who may call the operator routes: loopback, and the blocks given with --rpc-allow-ip. */
@Tag("unit")
class OperatorAccessTest {
    static InetAddress ip(String literal) throws Exception {
        return InetAddress.getByName(literal);
    }

    @Test
    void loopbackOnlyByDefault() throws Exception {
        OperatorAccess access = OperatorAccess.loopbackOnly();
        assertThat(access.allows(ip("127.0.0.1"))).isTrue();
        assertThat(access.allows(ip("127.8.9.10"))).isTrue();
        assertThat(access.allows(ip("::1"))).isTrue();
        assertThat(access.allows(ip("10.0.0.1"))).isFalse();
        assertThat(access.allows(ip("192.168.1.20"))).isFalse();
    }

    @Test
    void allowsTheGivenBlocks() throws Exception {
        OperatorAccess access = OperatorAccess.allowing(List.of("192.168.1.0/24", "10.1.2.3", "fd00::/8"));
        assertThat(access.allows(ip("192.168.1.254"))).isTrue();
        assertThat(access.allows(ip("192.168.2.1"))).isFalse();
        assertThat(access.allows(ip("10.1.2.3"))).isTrue();
        assertThat(access.allows(ip("10.1.2.4"))).isFalse();
        assertThat(access.allows(ip("fd12::1"))).isTrue();
        assertThat(access.allows(ip("fe80::1"))).isFalse();
        assertThat(access.allows(ip("::ffff:192.168.1.7"))).isTrue(); // an IPv4 client seen through IPv6
        assertThat(OperatorAccess.allowing(List.of("0.0.0.0/0")).allows(ip("203.0.113.9"))).isTrue();
    }

    @Test
    void refusesWhatIsNotACidrBlockWithoutLookingNamesUp() {
        for (String bad : List.of("example.com", "10.0.0.0/33", "10.0.0.0/x", "10.0.0.0/8/8", "", "fd00::/129")) {
            assertThatThrownBy(() -> OperatorAccess.allowing(List.of(bad)))
                    .as(bad).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--rpc-allow-ip");
        }
    }
}

package org.powchain.p2p;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Who sent a request: the X-Powchain-Peer claim is believed only from the claimed host (or this machine). */
@Tag("unit")
class NetworkIdentifyTest {

    @Test
    void aClaimIsBelievedFromTheClaimedAddress() {
        assertThat(Network.identify("10.1.2.3:5000", "10.1.2.3")).map(Object::toString).contains("10.1.2.3:5000");
    }

    @Test
    void aClaimFromElsewhereIsIgnoredSoNobodyCanGetAnHonestPeerBanned() {
        assertThat(Network.identify("10.1.2.3:5000", "10.9.9.9")).isEmpty();
    }

    @Test
    void nodesOnThisMachineMayAdvertiseAnyAddress() {
        assertThat(Network.identify("192.168.1.20:5001", "127.0.0.1")).isPresent();
        assertThat(Network.identify("localhost:5001", "0:0:0:0:0:0:0:1")).isPresent();
    }

    @Test
    void aHostNameFromAnotherMachineIsNotLookedUp() {
        assertThat(Network.identify("node.example:5000", "10.1.2.3")).isEmpty();
        assertThat(Network.identify("beef:5000", "10.1.2.3")).isEmpty(); // hex, but a name, not an address
    }

    @Test
    void anIpv6ClaimIsComparedToo() {
        assertThat(Network.identify("[fd00::7]:5000", "fd00:0:0:0:0:0:0:7")).isPresent();
    }

    @Test
    void noOrAMalformedClaimIsAnonymous() {
        assertThat(Network.identify(null, "10.1.2.3")).isEmpty();
        assertThat(Network.identify("not an address", "10.1.2.3")).isEmpty();
    }
}

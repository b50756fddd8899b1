package org.aftersaleshub.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

class BrokerMemoryTest {

    private static final long MIB = 1024L * 1024;

    @Test
    void aSmallHeapGetsSmallBudgetsSoABurstOfEventsPagesToDiskInsteadOfFillingIt() {
        BrokerMemory.Budgets b = BrokerMemory.forHeap(256 * MIB);
        assertThat(b.addressBytes()).isEqualTo(16 * MIB);
        assertThat(b.pageReadBytes()).isEqualTo(2 * MIB);
    }

    @Test
    void aLargeHeapKeepsTheBrokerSettingsTheHubAlwaysHad() {
        BrokerMemory.Budgets b = BrokerMemory.forHeap(6L * 1024 * MIB);
        assertThat(b.addressBytes()).isEqualTo(64 * MIB);
        assertThat(b.pageReadBytes()).isEqualTo(16 * MIB);
    }

    @Test
    void aTinyHeapStillGetsTheFloor() {
        BrokerMemory.Budgets b = BrokerMemory.forHeap(32 * MIB);
        assertThat(b.addressBytes()).isEqualTo(4 * MIB);
        assertThat(b.pageReadBytes()).isEqualTo(MIB);
    }

    @Test
    void configuredBudgetsWinOverTheDerivedOnes() {
        BrokerMemory.Budgets b = new BrokerMemory(DataSize.ofMegabytes(8), null).resolve();
        assertThat(b.addressBytes()).isEqualTo(8 * MIB);
        assertThat(b.pageReadBytes()).isEqualTo(BrokerMemory.forHeap(Runtime.getRuntime().maxMemory()).pageReadBytes());
    }
}

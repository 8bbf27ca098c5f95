package io.promoagent.core.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class ChainedAuditSinkTest {

    /** A store that passes everything to another; tests override what they need to break. */
    static class ForwardingStore implements AuditStore {
        final InMemoryAuditStore delegate = new InMemoryAuditStore();
        final AtomicInteger appends = new AtomicInteger();

        @Override
        public void append(AuditRecord record) {
            appends.incrementAndGet();
            delegate.append(record);
        }

        @Override
        public Optional<AuditRecord> head() {
            return delegate.head();
        }

        @Override
        public List<AuditRecord> read(long fromSequence, int limit) {
            return delegate.read(fromSequence, limit);
        }
    }

    @Nested
    class Linking {

        @Test
        void turnsEventsIntoAChainFromSequenceOne() {
            InMemoryAuditStore store = new InMemoryAuditStore();
            ChainedAuditSink sink = new ChainedAuditSink(store);

            AuditRecord first = sink.append(AuditEvents.event(1));
            sink.record(AuditEvents.event(2));
            AuditRecord third = sink.append(AuditEvents.event(3));

            assertThat(first.sequence()).isEqualTo(1);
            assertThat(first.previousHash()).isEqualTo(AuditRecord.GENESIS_HASH);
            assertThat(third.sequence()).isEqualTo(3);
            assertThat(store.all()).extracting(AuditRecord::requestId).containsExactly("r1", "r2", "r3");
            assertThat(AuditVerifier.verify(store)).isEqualTo(AuditVerification.intact(3));
        }

        @Test
        void continuesAChainThatAnEarlierSinkStarted() {
            InMemoryAuditStore store = new InMemoryAuditStore();
            new ChainedAuditSink(store).record(AuditEvents.event(1));

            AuditRecord second = new ChainedAuditSink(store).append(AuditEvents.event(2));

            assertThat(second.sequence()).isEqualTo(2);
            assertThat(AuditVerifier.verify(store).valid()).isTrue();
        }

        @Test
        void keepsTheEventsFieldsAndOnlyTheHashOfItsArguments() {
            AuditEvent event = AuditEvents.event(7);

            AuditRecord record = new ChainedAuditSink(new InMemoryAuditStore()).append(event);

            assertThat(record.at()).isEqualTo(event.at());
            assertThat(record.action()).isEqualTo(event.action());
            assertThat(record.principal()).isEqualTo(event.principal());
            assertThat(record.sessionId()).isEqualTo(event.sessionId());
            assertThat(record.requestId()).isEqualTo(event.requestId());
            assertThat(record.tool()).isEqualTo(event.tool());
            assertThat(record.effect()).isEqualTo(event.effect());
            assertThat(record.outcome()).isEqualTo(event.outcome());
            assertThat(record.changeSetId()).isEqualTo(event.changeSetId());
            assertThat(record.approvalId()).isEqualTo(event.approvalId());
            assertThat(record.affectedCount()).isEqualTo(event.affectedCount());
            assertThat(record.detail()).isEqualTo(event.detail());
            assertThat(record.toJson()).doesNotContain("john.smith@example.com");
        }
    }

    @Nested
    class AgainstOtherWriters {

        @Test
        void twoSinksTakingTurnsOverOneStoreKeepOneChain() {
            InMemoryAuditStore store = new InMemoryAuditStore();
            ChainedAuditSink a = new ChainedAuditSink(store);
            ChainedAuditSink b = new ChainedAuditSink(store);

            for (int n = 1; n <= 10; n++) {
                (n % 3 == 0 ? b : a).record(AuditEvents.event(n));
            }

            assertThat(store.all()).extracting(AuditRecord::requestId)
                    .containsExactly("r1", "r2", "r3", "r4", "r5", "r6", "r7", "r8", "r9", "r10");
            assertThat(AuditVerifier.verify(store)).isEqualTo(AuditVerification.intact(10));
        }

        @Test
        void relinksAfterTheHeadWhenAnotherWriterTookItsSequence() {
            ForwardingStore store = new ForwardingStore() {
                boolean raced;

                @Override
                public void append(AuditRecord record) {
                    if (!raced && record.sequence() == 2) {
                        raced = true; // another instance appends between this sink's read of the head and its append
                        delegate.append(AuditRecord.next(delegate.head().orElseThrow(), AuditEvents.event(50)));
                    }
                    super.append(record);
                }
            };
            ChainedAuditSink sink = new ChainedAuditSink(store);
            sink.record(AuditEvents.event(1));

            AuditRecord mine = sink.append(AuditEvents.event(2));

            assertThat(mine.sequence()).isEqualTo(3);
            assertThat(store.appends).hasValue(3);
            assertThat(store.all()).extracting(AuditRecord::requestId).containsExactly("r1", "r50", "r2");
            assertThat(AuditVerifier.verify(store).valid()).isTrue();
        }

        @Test
        void givesUpWithAnAuditExceptionAfterTheBoundedNumberOfLostRaces() {
            ForwardingStore store = new ForwardingStore() {
                @Override
                public void append(AuditRecord record) {
                    appends.incrementAndGet();
                    throw new AuditConflictException(record.sequence(), "taken");
                }
            };
            ChainedAuditSink sink = new ChainedAuditSink(store, 3);

            assertThatThrownBy(() -> sink.record(AuditEvents.event(1)))
                    .isInstanceOf(AuditException.class)
                    .isNotInstanceOf(AuditConflictException.class)
                    .hasMessageContaining("3 attempts")
                    .hasCauseInstanceOf(AuditConflictException.class);
            assertThat(store.appends).hasValue(3);
            assertThat(store.all()).isEmpty();
        }

        @Test
        void doesNotAppendTwiceWhenAStoredRecordIsReportedAsAConflict() {
            // A retried request whose first try succeeded but whose answer was lost sees its own record.
            ForwardingStore store = new ForwardingStore() {
                @Override
                public void append(AuditRecord record) {
                    super.append(record);
                    if (appends.get() == 1) {
                        throw new AuditConflictException(record.sequence(), "taken (by the lost first try)");
                    }
                }
            };
            ChainedAuditSink sink = new ChainedAuditSink(store);

            AuditRecord first = sink.append(AuditEvents.event(1));
            sink.record(AuditEvents.event(2));

            assertThat(first.sequence()).isEqualTo(1);
            assertThat(store.all()).extracting(AuditRecord::requestId).containsExactly("r1", "r2");
            assertThat(AuditVerifier.verify(store).valid()).isTrue();
        }
    }

    @Nested
    class WhenTheStoreIsDown {

        @Test
        void throwsAnAuditExceptionWhenTheHeadCannotBeRead() {
            ForwardingStore store = new ForwardingStore() {
                @Override
                public Optional<AuditRecord> head() {
                    throw new IllegalStateException("connection refused");
                }
            };

            assertThatThrownBy(() -> new ChainedAuditSink(store).record(AuditEvents.event(1)))
                    .isInstanceOf(AuditException.class)
                    .hasMessageContaining("connection refused")
                    .hasCauseInstanceOf(IllegalStateException.class);
            assertThat(store.appends).hasValue(0);
        }

        @Test
        void throwsAnAuditExceptionWhenTheRecordCannotBeWrittenAndDoesNotRetry() {
            ForwardingStore store = new ForwardingStore() {
                @Override
                public void append(AuditRecord record) {
                    appends.incrementAndGet();
                    throw new UncheckedIOException(new IOException("disk full"));
                }
            };

            assertThatThrownBy(() -> new ChainedAuditSink(store).record(AuditEvents.event(1)))
                    .isInstanceOf(AuditException.class)
                    .hasMessageContaining("disk full");
            assertThat(store.appends).hasValue(1);
            assertThat(store.all()).isEmpty();
        }

        @Test
        void passesOnTheStoresOwnAuditException() {
            AuditException down = new AuditException("table not found");
            ForwardingStore store = new ForwardingStore() {
                @Override
                public void append(AuditRecord record) {
                    throw down;
                }
            };

            assertThatThrownBy(() -> new ChainedAuditSink(store).record(AuditEvents.event(1))).isSameAs(down);
        }

        @Test
        void rereadsTheHeadAfterAFailureSoThatItLinksAfterWhatOthersWroteMeanwhile() {
            AtomicInteger failNext = new AtomicInteger();
            ForwardingStore store = new ForwardingStore() {
                @Override
                public void append(AuditRecord record) {
                    appends.incrementAndGet();
                    if (failNext.getAndSet(0) > 0) {
                        throw new AuditException("timed out");
                    }
                    delegate.append(record);
                }
            };
            ChainedAuditSink sink = new ChainedAuditSink(store);
            sink.record(AuditEvents.event(1));
            failNext.set(1);
            assertThatThrownBy(() -> sink.record(AuditEvents.event(2))).isInstanceOf(AuditException.class);
            new ChainedAuditSink(store).record(AuditEvents.event(3));

            AuditRecord next = sink.append(AuditEvents.event(4));

            assertThat(next.sequence()).isEqualTo(3);
            assertThat(store.appends).as("no append was wasted on a stale head").hasValue(4);
            assertThat(store.all()).extracting(AuditRecord::requestId).containsExactly("r1", "r3", "r4");
            assertThat(AuditVerifier.verify(store).valid()).isTrue();
        }
    }

    @Test
    void refusesAnAttemptBoundBelowOne() {
        assertThatThrownBy(() -> new ChainedAuditSink(new InMemoryAuditStore(), 0))
                .isInstanceOf(IllegalArgumentException.class);
    }
}

package org.deq.synth;

/** A bi-temporal pair: the same place at two dates, the second with a known change applied to one segment. */
public record ScenePair(SyntheticScene before, SyntheticScene after, ChangeType type) {
}

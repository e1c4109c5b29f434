package dev.switchboard.session.kafka;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import java.util.List;
import java.util.function.Function;

/** Working through the records of a batch. */
public final class Batches {

  private Batches() {}

  /** One step per item, each after the previous one completed, in the list's order. */
  public static <T> Uni<Void> inOrder(List<T> items, Function<T, Uni<?>> step) {
    if (items.isEmpty()) {
      return Uni.createFrom().voidItem();
    }
    return Multi.createFrom()
        .iterable(items)
        .onItem()
        .transformToUniAndConcatenate(step)
        .collect()
        .last()
        .replaceWithVoid();
  }
}

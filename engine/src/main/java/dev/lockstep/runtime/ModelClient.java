package dev.lockstep.runtime;

import java.util.concurrent.CompletionStage;

/**
 * Sends one request to a provider. Implemented by the embedding application (HTTP, SDK). Retries for
 * 429/5xx and the single repaired retry after a schema 400 belong here, before the outcome is
 * reported (rule V5). The returned stage may complete on any thread; an exception (thrown or as the
 * stage's failure) becomes a model failure event, never a dead actor.
 */
@FunctionalInterface
public interface ModelClient {
  CompletionStage<ModelResponse> send(ModelRequest request);
}

/**
 * The provider boundary (rules V1–V4, P4): pure projections from the provider-neutral transcript to
 * each provider's request body, and an independent validator per dialect that re-checks every
 * request before it leaves (rule V2). Projectors and validators share no code paths: the validator
 * reads only the JSON the projector produced.
 */
package dev.lockstep.dialect;

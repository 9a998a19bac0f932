package io.scalewatch.core.baseline;

import io.scalewatch.core.checkpoint.CheckpointKey;
import java.util.Optional;

/**
 * Keeps one baseline per target (the checkpoint's key: cloud, account, region, identity); saves are conditional
 * so two runs that loaded the same version cannot both save.
 */
public interface BaselineStore {
    /**
     * The stored baseline of a target, if any.
     *
     * @throws BaselineFormatException when the stored baseline is unreadable (it is never silently replaced)
     */
    Optional<StoredBaseline> load(CheckpointKey key);

    /**
     * Saves {@code next} if the stored one is still {@code expected} (empty: none may exist yet).
     *
     * @throws BaselineConflictException when another run saved it first
     */
    StoredBaseline save(CheckpointKey key, IdentityBaseline next, Optional<StoredBaseline> expected);
}

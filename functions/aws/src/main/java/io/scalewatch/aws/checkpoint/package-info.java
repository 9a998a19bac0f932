/** Checkpoints of scheduled AWS runs kept as S3 objects and advanced with conditional writes. */
package io.scalewatch.aws.checkpoint;

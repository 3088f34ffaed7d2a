/** Tamper-evident audit log: RFC 6962 Merkle log on disk, proofs, signed checkpoints, hooks. */
package dev.shuqiao.audit;

/**
 * CNN embeddings as descriptors: {@link org.deq.deep.OnnxEmbedding} runs any ONNX image model on the CPU with ONNX
 * Runtime and adds the {@code cnn:model=FILE} spec through {@link org.deq.deep.CnnProvider}. Models come from the
 * user or from {@code scripts/train-simclr.py}, which learns one on an archive's own images without labels.
 */
package org.deq.deep;

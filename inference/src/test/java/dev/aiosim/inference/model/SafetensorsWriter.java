package dev.aiosim.inference.model;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** Writes safetensors files for the tests (F32, BF16 by truncation, F16), header first, data in insertion order. */
final class SafetensorsWriter {
    private record Tensor(String dtype, long[] shape, byte[] data) {}

    private final Map<String, Tensor> tensors = new LinkedHashMap<>();

    SafetensorsWriter add(String name, String dtype, float[] values, long... shape) {
        int w = dtype.equals("F32") ? 4 : 2;
        ByteBuffer b = ByteBuffer.allocate(values.length * w).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : values) {
            switch (dtype) {
                case "F32" -> b.putFloat(v);
                case "BF16" -> b.putShort((short) (Float.floatToRawIntBits(v) >>> 16));
                case "F16" -> b.putShort(Float.floatToFloat16(v));
                default -> throw new IllegalArgumentException(dtype);
            }
        }
        tensors.put(name, new Tensor(dtype, shape, b.array()));
        return this;
    }

    SafetensorsWriter addRaw(String name, String dtype, byte[] data, long... shape) {
        tensors.put(name, new Tensor(dtype, shape, data));
        return this;
    }

    void write(Path file) throws IOException {
        StringBuilder h = new StringBuilder("{\"__metadata__\":{\"format\":\"pt\"}");
        long at = 0;
        for (Map.Entry<String, Tensor> e : tensors.entrySet()) {
            Tensor t = e.getValue();
            h.append(",\"").append(e.getKey()).append("\":{\"dtype\":\"").append(t.dtype).append("\",\"shape\":[");
            for (int i = 0; i < t.shape.length; i++) {
                h.append(i > 0 ? "," : "").append(t.shape[i]);
            }
            h.append("],\"data_offsets\":[").append(at).append(',').append(at + t.data.length).append("]}");
            at += t.data.length;
        }
        h.append('}');
        byte[] header = h.toString().getBytes(StandardCharsets.UTF_8);
        try (OutputStream out = Files.newOutputStream(file)) {
            out.write(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(header.length).array());
            out.write(header);
            for (Tensor t : tensors.values()) {
                out.write(t.data);
            }
        }
    }

    /** Every weight of {@code spec} from {@code source} in dtype F32, as a Hugging Face checkpoint would name them. */
    static SafetensorsWriter checkpoint(LlamaSpec spec, WeightSource source) {
        SafetensorsWriter w = new SafetensorsWriter();
        long h = spec.hidden();
        long qd = (long) spec.heads() * spec.headDim();
        long kvd = (long) spec.kvHeads() * spec.headDim();
        long in = spec.intermediate();
        w.add("model.embed_tokens.weight", "F32", source.tensor("model.embed_tokens.weight", spec.vocab(), h), spec.vocab(), h);
        for (int l = 0; l < spec.layers(); l++) {
            String p = "model.layers." + l + ".";
            w.add(p + "input_layernorm.weight", "F32", source.tensor(p + "input_layernorm.weight", h), h);
            w.add(p + "self_attn.q_proj.weight", "F32", source.tensor(p + "self_attn.q_proj.weight", qd, h), qd, h);
            w.add(p + "self_attn.k_proj.weight", "F32", source.tensor(p + "self_attn.k_proj.weight", kvd, h), kvd, h);
            w.add(p + "self_attn.v_proj.weight", "F32", source.tensor(p + "self_attn.v_proj.weight", kvd, h), kvd, h);
            w.add(p + "self_attn.o_proj.weight", "F32", source.tensor(p + "self_attn.o_proj.weight", h, qd), h, qd);
            w.add(p + "post_attention_layernorm.weight", "F32", source.tensor(p + "post_attention_layernorm.weight", h), h);
            w.add(p + "mlp.gate_proj.weight", "F32", source.tensor(p + "mlp.gate_proj.weight", in, h), in, h);
            w.add(p + "mlp.up_proj.weight", "F32", source.tensor(p + "mlp.up_proj.weight", in, h), in, h);
            w.add(p + "mlp.down_proj.weight", "F32", source.tensor(p + "mlp.down_proj.weight", h, in), h, in);
        }
        w.add("model.norm.weight", "F32", source.tensor("model.norm.weight", h), h);
        if (!spec.tiedEmbeddings()) {
            w.add("lm_head.weight", "F32", source.tensor("lm_head.weight", spec.vocab(), h), spec.vocab(), h);
        }
        return w;
    }
}

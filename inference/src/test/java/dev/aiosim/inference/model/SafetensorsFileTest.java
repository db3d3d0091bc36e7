package dev.aiosim.inference.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDManager;
import dev.aiosim.inference.Torch;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SafetensorsFileTest {
    @TempDir
    Path dir;

    @Test
    void readsF32Bf16AndF16AsFloats() throws IOException {
        float[] exact = {0f, 1f, -2.5f, 0.15625f, 3.1415927f, -1e-3f};
        float[] halfExact = {0f, 1f, -2.5f, 0.15625f, 1024f, -0.0009765625f}; // representable in BF16 and F16
        Path f = dir.resolve("t.safetensors");
        new SafetensorsWriter().add("a", "F32", exact, 2, 3).add("b", "BF16", halfExact, 6).add("c", "F16", halfExact, 3, 2)
                .addRaw("ids", "I64", new byte[16], 2).write(f);
        try (SafetensorsFile s = SafetensorsFile.open(f)) {
            assertThat(s.entries()).containsOnlyKeys("a", "b", "c", "ids");
            assertThat(s.entries().get("c").shape()).containsExactly(3, 2);
            assertThat(s.floats("a")).containsExactly(exact);
            assertThat(s.floats("b")).containsExactly(halfExact);
            assertThat(s.floats("c")).containsExactly(halfExact);
            assertThatThrownBy(() -> s.floats("ids")).hasMessage(f + ": tensor 'ids': dtype I64 is not supported (F32, BF16 or F16)");
            assertThatThrownBy(() -> s.floats("z")).hasMessage(f + ": no tensor 'z'");
        }
    }

    @Test
    void bf16KeepsTheUpperHalfOfTheFloat() throws IOException {
        Path f = dir.resolve("t.safetensors");
        new SafetensorsWriter().add("x", "BF16", new float[] {1.0078125f, 3.1415927f}, 2).write(f);
        try (SafetensorsFile s = SafetensorsFile.open(f)) {
            assertThat(s.floats("x")).containsExactly(1.0078125f, Float.intBitsToFloat(Float.floatToIntBits(3.1415927f) & 0xffff0000));
        }
    }

    @Test
    void malformedFilesAreOneClearError() throws IOException {
        Path shortFile = Files.write(dir.resolve("short.safetensors"), new byte[3]);
        assertThatThrownBy(() -> SafetensorsFile.open(shortFile)).hasMessage(shortFile + ": shorter than the 8-byte header length");

        Path hugeHeader = Files.write(dir.resolve("huge.safetensors"),
                ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN).putLong(1000).array());
        assertThatThrownBy(() -> SafetensorsFile.open(hugeHeader)).hasMessage(hugeHeader + ": header length 1000 is not within 2..4");

        Path notJson = raw("notjson", "{nope");
        assertThatThrownBy(() -> SafetensorsFile.open(notJson)).hasMessageStartingWith(notJson + ": header is not JSON: ");

        Path outside = raw("outside", "{\"w\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]}}");
        assertThatThrownBy(() -> SafetensorsFile.open(outside))
                .hasMessage(outside + ": tensor 'w': data_offsets [0, 8] are not within the 0 data bytes");

        Path wrongSize = raw("size", "{\"w\":{\"dtype\":\"F32\",\"shape\":[3],\"data_offsets\":[0,0]}}");
        assertThatThrownBy(() -> SafetensorsFile.open(wrongSize)).hasMessage(wrongSize + ": tensor 'w': 0 bytes for 3 elements of F32");

        Path noShape = raw("noshape", "{\"w\":{\"dtype\":\"F32\",\"data_offsets\":[0,0]}}");
        assertThatThrownBy(() -> SafetensorsFile.open(noShape))
                .hasMessage(noShape + ": tensor 'w': expected {dtype: string, shape: [ints], data_offsets: [begin, end]}");
    }

    private Path raw(String name, String header) throws IOException {
        byte[] h = header.getBytes(StandardCharsets.UTF_8);
        ByteBuffer b = ByteBuffer.allocate(8 + h.length).order(ByteOrder.LITTLE_ENDIAN).putLong(h.length).put(h);
        return Files.write(dir.resolve(name + ".safetensors"), b.array());
    }

    @Test
    void aCheckpointFolderGivesTheModelItsWeightsCameFrom() throws IOException {
        LlamaSpec spec = LlamaSpec.TINY;
        SeededWeights seeded = new SeededWeights(9);
        Path ckpt = Files.createDirectory(dir.resolve("my-llama"));
        Files.writeString(ckpt.resolve("config.json"), """
                {"architectures": ["LlamaForCausalLM"], "hidden_size": 128, "intermediate_size": 344,
                 "num_hidden_layers": 4, "num_attention_heads": 4, "num_key_value_heads": 2, "vocab_size": 1024,
                 "rope_theta": 10000.0, "rms_norm_eps": 1e-05, "tie_word_embeddings": false}""");
        SafetensorsWriter.checkpoint(spec, seeded).write(ckpt.resolve("model.safetensors"));
        int[] t = LlamaModelTest.tokens(4, 12, spec.vocab());
        try (NDManager root = Torch.newManager(); LlamaCheckpoint c = LlamaCheckpoint.open(ckpt)) {
            assertThat(c.spec()).isEqualTo(new LlamaSpec("my-llama", 4, 128, 4, 2, 344, 1024, 10000, 1e-5, false));
            LlamaModel fromFile = LlamaModel.build(c.spec(), c, root);
            LlamaModel fromSeed = LlamaModel.build(spec, seeded, root);
            float[] a = LlamaModelTest.logits(fromFile, root, List.of(new LlamaModel.Segment(fromFile.newCache(root), t)), 0);
            float[] b = LlamaModelTest.logits(fromSeed, root, List.of(new LlamaModel.Segment(fromSeed.newCache(root), t)), 0);
            assertThat(a).containsExactly(b);
        }
    }

    @Test
    void aCheckpointWhoseShapesDisagreeWithItsConfigIsRefused() throws IOException {
        Path ckpt = Files.createDirectory(dir.resolve("bad"));
        Files.writeString(ckpt.resolve("config.json"), """
                {"hidden_size": 16, "intermediate_size": 24, "num_hidden_layers": 1, "num_attention_heads": 2,
                 "vocab_size": 30}""");
        new SafetensorsWriter().add("model.embed_tokens.weight", "F32", new float[30 * 8], 30, 8).write(ckpt.resolve("a.safetensors"));
        try (NDManager root = Torch.newManager(); LlamaCheckpoint c = LlamaCheckpoint.open(ckpt)) {
            assertThat(c.spec().kvHeads()).isEqualTo(2);
            assertThatThrownBy(() -> LlamaModel.build(c.spec(), c, root)).hasMessage(ckpt.resolve("a.safetensors")
                    + ": tensor 'model.embed_tokens.weight' has shape [30, 8], config.json implies [30, 16]");
        }
        Files.writeString(ckpt.resolve("config.json"), "{\"hidden_size\": \"wide\"}");
        assertThatThrownBy(() -> LlamaCheckpoint.open(ckpt))
                .hasMessage(ckpt.resolve("config.json") + ": field 'num_attention_heads': expected an integer, got nothing");
    }
}

package dev.aiosim.kernel.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.StringReader;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class CatalogTest {
    private final Catalog catalog = Catalog.bundled();

    @Test
    void bundledCatalogHoldsTheRequiredEntries() {
        assertThat(catalog.gpus()).containsKeys("H100-SXM", "A100-SXM-80G", "H200", "RTX-A5000");
        assertThat(catalog.models()).containsKeys("Llama-3.1-8B", "Llama-3.1-70B", "Mistral-7B");
    }

    @Test
    void kvBytesPerTokenMatchTheDesignFigures() {
        assertThat(catalog.model("Llama-3.1-8B").kvBytesPerToken()).isEqualTo(128 * 1024);
        assertThat(catalog.model("Llama-3.1-70B").kvBytesPerToken()).isEqualTo(320 * 1024);
        assertThat(catalog.model("Llama-3.1-70B").defaultTensorParallel()).isEqualTo(4);
    }

    @Test
    void derivedKvCapacityIsMemoryLessWeights() {
        ModelSpec m = catalog.model("Llama-3.1-8B");
        GpuSpec g = catalog.gpu("H100-SXM");
        long kv = EngineConfig.derivedKvTokens(m, g, 1, 0.9);
        // (72 GB - 16.06 GB) / 131072 B
        assertThat(kv).isEqualTo((long) Math.floor((80e9 * 0.9 - 8.03e9 * 2) / 131072));
        assertThat(EngineConfig.derivedKvTokens(catalog.model("Llama-3.1-70B"), g, 1, 0.9)).isNegative();
    }

    @Test
    void aStepTimeBeyondTheVirtualClockIsAnErrorNotOneNanosecond() {
        RooflineCostModel cm = new RooflineCostModel(catalog.model("Llama-3.1-8B"), catalog.gpu("H100-SXM"), 1, 0.5, 1e-13, 1_000_000);
        assertThatThrownBy(() -> cm.stepNanos(new StepShape(0, 0, 1, 1000)))
                .isInstanceOf(dev.aiosim.kernel.time.VirtualTimeOverflow.class).hasMessageContaining("mbu 1.0E-13");
        RooflineCostModel late = new RooflineCostModel(catalog.model("Llama-3.1-8B"), catalog.gpu("H100-SXM"), 1, 0.5, 0.8, Long.MAX_VALUE);
        assertThatThrownBy(() -> late.stepNanos(new StepShape(0, 0, 1, 1000)))
                .isInstanceOf(dev.aiosim.kernel.time.VirtualTimeOverflow.class).hasMessageContaining("step overhead");
    }

    @Test
    void rooflineDecodeIsMemoryBoundAndPrefillComputeBound() {
        RooflineCostModel cm = new RooflineCostModel(catalog.model("Llama-3.1-8B"), catalog.gpu("H100-SXM"), 1, 0.5, 0.8, 1_000_000);
        long decode1 = cm.stepNanos(new StepShape(0, 0, 1, 1000));
        // weights 16.06 GB / (3.35 TB/s x 0.8) = 5.99 ms, plus 1 ms overhead, plus a little KV
        assertThat(decode1 / 1e6).isCloseTo(7.0, within(0.1));
        long prefill = cm.stepNanos(new StepShape(8192, 8192L * 8193 / 2, 0, 0));
        // 2 x 8.03e9 x 8192 + attention / (989e12 x 0.5) ~ 0.29 s: compute bound
        assertThat(prefill / 1e9).isCloseTo(0.29, within(0.03));
        assertThat(cm.stepNanos(new StepShape(0, 0, 64, 64_000))).isGreaterThan(decode1);
        RooflineCostModel tp2 = new RooflineCostModel(catalog.model("Llama-3.1-8B"), catalog.gpu("H100-SXM"), 2, 0.5, 0.8, 1_000_000);
        assertThat(tp2.stepNanos(new StepShape(0, 0, 1, 1000))).isLessThan(decode1);
    }

    @Test
    void badCatalogEntriesNameTheKey() throws Exception {
        Properties p = new Properties();
        p.load(new StringReader("gpu.X.peak-flops = 1e12\ngpu.X.hbm-bytes-per-sec = fast\n"));
        assertThatThrownBy(() -> Catalog.parse(p, "my.properties")).hasMessageContaining("my.properties")
                .hasMessageContaining("gpu.X.hbm-bytes-per-sec").hasMessageContaining("expected a positive number");
        Properties q = new Properties();
        q.load(new StringReader("gpu.X.speed = 1\n"));
        assertThatThrownBy(() -> Catalog.parse(q, "my.properties")).hasMessageContaining("gpu.X.speed");
        assertThatThrownBy(() -> catalog.gpu("B200")).hasMessageContaining("known: A100-SXM-80G, H100-SXM, H200, RTX-A5000");
    }

    @Test
    void theCatalogStatesEachModelsParameterSplit() {
        ModelSpec llama = catalog.model("Llama-3.1-8B");
        assertThat(llama.dimensions().embeddingParams()).isEqualTo(128_256.0 * 4096);
        assertThat(llama.dimensions().lmHeadParams()).isEqualTo(128_256.0 * 4096);
        assertThat(llama.linearParams() / 1e9).isCloseTo(6.979, within(0.001));
        for (ModelSpec m : catalog.models().values()) {
            ModelDimensions d = m.dimensions();
            double h = d.hiddenSize();
            double q = (double) m.queryHeads() * m.headDim();
            double k = (double) m.kvHeads() * m.headDim();
            // attention projections and the gated MLP of every layer, from the architecture alone
            double layers = m.layers() * (h * (q + 2 * k) + q * h + 3 * h * d.intermediateSize());
            assertThat(layers / m.linearParams()).as(m.name()).isCloseTo(1, within(0.002));
        }
        assertThat(catalog.gpu("A100-SXM-80G").interconnectBytesPerSec()).isEqualTo(300e9);
    }

    @Test
    void modelDimensionsAreAllOrNone() throws Exception {
        String base = "model.M.params = 8e9\nmodel.M.layers = 32\nmodel.M.query-heads = 32\nmodel.M.kv-heads = 8\n"
                + "model.M.head-dim = 128\nmodel.M.dtype-bytes = 2\nmodel.M.tensor-parallel = 1\n";
        Properties none = new Properties();
        none.load(new StringReader(base));
        assertThat(Catalog.parse(none, "c").model("M").dimensions()).isNull();
        Properties some = new Properties();
        some.load(new StringReader(base + "model.M.hidden-size = 4096\n"));
        assertThatThrownBy(() -> Catalog.parse(some, "c.properties")).hasMessageContaining("c.properties")
                .hasMessageContaining("model.M.intermediate-size").hasMessageContaining("or none");
        Properties badTie = new Properties();
        badTie.load(new StringReader(base + "model.M.hidden-size = 4096\nmodel.M.intermediate-size = 14336\n"
                + "model.M.vocab-size = 128256\nmodel.M.tied-embeddings = yes\n"));
        assertThatThrownBy(() -> Catalog.parse(badTie, "c")).hasMessageContaining("model.M.tied-embeddings")
                .hasMessageContaining("true or false");
    }
}

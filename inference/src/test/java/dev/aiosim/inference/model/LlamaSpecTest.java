package dev.aiosim.inference.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aiosim.kernel.engine.Catalog;
import dev.aiosim.kernel.engine.ModelSpec;
import java.util.List;
import org.junit.jupiter.api.Test;

class LlamaSpecTest {
    @Test
    void bundledSizes() {
        assertThat(LlamaSpec.TINY.params()).isEqualTo(988_288);
        assertThat(LlamaSpec.SMALL.params()).isEqualTo(30_941_696);
        assertThat(LlamaSpec.TINY.kvBytesPerToken()).isEqualTo(2L * 4 * 2 * 32 * 4);
        assertThat(LlamaSpec.SMALL.kvBytesPerToken()).isEqualTo(2L * 8 * 2 * 64 * 4);
        assertThat(LlamaSpec.bundled("small")).isSameAs(LlamaSpec.SMALL);
        assertThatThrownBy(() -> LlamaSpec.bundled("huge")).hasMessage("unknown model 'huge'; bundled: tiny, small");
    }

    @Test
    void theCatalogStatesTheBundledModelsAsTheyAre() {
        for (LlamaSpec s : List.of(LlamaSpec.TINY, LlamaSpec.SMALL)) {
            ModelSpec m = Catalog.bundled().model(s.name());
            assertThat(m.params()).isEqualTo(s.params());
            assertThat(m.kvBytesPerToken()).isEqualTo(s.kvBytesPerToken());
            assertThat(m.dimensions().hiddenSize()).isEqualTo(s.hidden());
            assertThat(m.dimensions().intermediateSize()).isEqualTo(s.intermediate());
            assertThat(m.dimensions().vocabSize()).isEqualTo(s.vocab());
            assertThat(m.queryHeads()).isEqualTo(s.heads());
        }
    }

    @Test
    void shapesThatAreNotALlamaAreRefused() {
        assertThatThrownBy(() -> new LlamaSpec("m", 1, 30, 4, 2, 8, 10, 10000, 1e-5, false))
                .hasMessage("model m: hidden 30 must be heads (4) x an even head dimension");
        assertThatThrownBy(() -> new LlamaSpec("m", 1, 32, 4, 3, 8, 10, 10000, 1e-5, false))
                .hasMessage("model m: heads 4 must be a multiple of kv-heads 3");
        assertThatThrownBy(() -> new LlamaSpec("m", 0, 32, 4, 2, 8, 10, 10000, 1e-5, false))
                .hasMessage("model m: layers must be 1..1024, got 0");
        assertThatThrownBy(() -> new LlamaSpec("m", 1, 32, 4, 2, 8, 10, 1, 1e-5, false))
                .hasMessage("model m: rope-theta must be > 1, got 1.0");
    }
}

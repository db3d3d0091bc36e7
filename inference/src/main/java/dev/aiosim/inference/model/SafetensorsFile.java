package dev.aiosim.inference.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Collections;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads a safetensors file (the Hugging Face format: an 8-byte little-endian header length, a
 * JSON header naming each tensor's dtype, shape and byte range, then the little-endian tensor
 * data). F32, BF16 and F16 tensors are read as floats; other dtypes are reported when asked for.
 * The header is checked up front, so a truncated or malformed file is one clear error naming the
 * file and the tensor.
 */
public final class SafetensorsFile implements AutoCloseable {
    /** Largest header accepted (the format's own reference reader caps it at 100 MB). */
    static final long MAX_HEADER_BYTES = 100L << 20;

    /** One tensor's entry in the header. */
    public record Entry(String name, String dtype, long[] shape, long begin, long end) {
        /** Elements of the tensor. */
        public long elements() {
            long n = 1;
            for (long s : shape) {
                n *= s;
            }
            return n;
        }
    }

    private final Path file;
    private final FileChannel channel;
    private final long dataStart;
    private final Map<String, Entry> entries;

    private SafetensorsFile(Path file, FileChannel channel, long dataStart, Map<String, Entry> entries) {
        this.file = file;
        this.channel = channel;
        this.dataStart = dataStart;
        this.entries = Collections.unmodifiableMap(entries);
    }

    /** Opens {@code file} and checks its header. */
    public static SafetensorsFile open(Path file) throws IOException {
        FileChannel ch = FileChannel.open(file, StandardOpenOption.READ);
        try {
            long size = ch.size();
            if (size < 8) {
                throw bad(file, "shorter than the 8-byte header length");
            }
            ByteBuffer len = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
            readFully(ch, len, 0);
            long n = len.flip().getLong();
            if (n < 2 || n > MAX_HEADER_BYTES || n > size - 8) {
                throw bad(file, "header length " + n + " is not within 2.." + Math.min(MAX_HEADER_BYTES, size - 8));
            }
            ByteBuffer header = ByteBuffer.allocate((int) n);
            readFully(ch, header, 8);
            JsonNode root;
            try {
                root = new ObjectMapper().readTree(new String(header.array(), StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw bad(file, "header is not JSON: " + e.getMessage().lines().findFirst().orElse(""));
            }
            if (root == null || !root.isObject()) {
                throw bad(file, "header is not a JSON object");
            }
            long dataBytes = size - 8 - n;
            Map<String, Entry> entries = new TreeMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> f = it.next();
                if (!f.getKey().equals("__metadata__")) {
                    entries.put(f.getKey(), entry(file, f.getKey(), f.getValue(), dataBytes));
                }
            }
            return new SafetensorsFile(file, ch, 8 + n, entries);
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
    }

    private static Entry entry(Path file, String name, JsonNode e, long dataBytes) {
        String where = "tensor '" + name + "'";
        JsonNode dtype = e.get("dtype");
        JsonNode shape = e.get("shape");
        JsonNode offsets = e.get("data_offsets");
        if (dtype == null || !dtype.isTextual() || shape == null || !shape.isArray() || offsets == null
                || !offsets.isArray() || offsets.size() != 2) {
            throw bad(file, where + ": expected {dtype: string, shape: [ints], data_offsets: [begin, end]}");
        }
        long[] dims = new long[shape.size()];
        long elements = 1;
        for (int i = 0; i < dims.length; i++) {
            JsonNode d = shape.get(i);
            if (!d.canConvertToLong() || d.asLong() < 0) {
                throw bad(file, where + ": shape " + shape + " has a dimension that is not a non-negative integer");
            }
            dims[i] = d.asLong();
            elements = Math.multiplyExact(elements, dims[i]);
        }
        long begin = offsets.get(0).asLong(-1);
        long end = offsets.get(1).asLong(-1);
        if (begin < 0 || end < begin || end > dataBytes) {
            throw bad(file, where + ": data_offsets [" + begin + ", " + end + "] are not within the " + dataBytes
                    + " data bytes");
        }
        int width = width(dtype.asText());
        if (width > 0 && end - begin != elements * width) {
            throw bad(file, where + ": " + (end - begin) + " bytes for " + elements + " elements of " + dtype.asText());
        }
        return new Entry(name, dtype.asText(), dims, begin, end);
    }

    /** Bytes per element of the dtypes read as floats; 0 for others. */
    private static int width(String dtype) {
        return switch (dtype) {
            case "F32" -> 4;
            case "BF16", "F16" -> 2;
            default -> 0;
        };
    }

    /** Every tensor of the file by name. */
    public Map<String, Entry> entries() {
        return entries;
    }

    /** The tensor {@code name} as floats, whatever its dtype among F32, BF16 and F16. */
    public float[] floats(String name) throws IOException {
        Entry e = entries.get(name);
        if (e == null) {
            throw bad(file, "no tensor '" + name + "'");
        }
        if (width(e.dtype) == 0) {
            throw bad(file, "tensor '" + name + "': dtype " + e.dtype + " is not supported (F32, BF16 or F16)");
        }
        if (e.elements() > Integer.MAX_VALUE - 8) {
            throw bad(file, "tensor '" + name + "': " + e.elements() + " elements do not fit a Java array");
        }
        ByteBuffer b = channel.map(FileChannel.MapMode.READ_ONLY, dataStart + e.begin, e.end - e.begin)
                .order(ByteOrder.LITTLE_ENDIAN);
        float[] out = new float[(int) e.elements()];
        switch (e.dtype) {
            case "F32" -> b.asFloatBuffer().get(out);
            case "BF16" -> {
                for (int i = 0; i < out.length; i++) {
                    out[i] = Float.intBitsToFloat((b.getShort() & 0xffff) << 16);
                }
            }
            default -> {
                for (int i = 0; i < out.length; i++) {
                    out[i] = Float.float16ToFloat(b.getShort());
                }
            }
        }
        return out;
    }

    public Path file() {
        return file;
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }

    private static void readFully(FileChannel ch, ByteBuffer b, long at) throws IOException {
        while (b.hasRemaining()) {
            int r = ch.read(b, at + b.position());
            if (r < 0) {
                throw new IOException("unexpected end of file");
            }
        }
    }

    private static IllegalArgumentException bad(Path file, String what) {
        return new IllegalArgumentException(file + ": " + what);
    }
}

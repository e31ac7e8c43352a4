/**
 * A minimal GGUF v3 writer: enough for llama.cpp to load a model we make ourselves.
 * Layout (ggml's gguf.cpp): header, metadata key/values, tensor infos, padding,
 * then the tensor data, each tensor aligned to `ALIGNMENT` bytes.
 */
import { open } from "node:fs/promises";

const ALIGNMENT = 32;

const enum ValueType {
  Uint32 = 4,
  Int32 = 5,
  Float32 = 6,
  Bool = 7,
  String = 8,
  Array = 9,
}

export type MetadataValue =
  | { type: "u32"; value: number }
  | { type: "f32"; value: number }
  | { type: "bool"; value: boolean }
  | { type: "string"; value: string }
  | { type: "string[]"; value: readonly string[] }
  | { type: "f32[]"; value: ArrayLike<number> }
  | { type: "i32[]"; value: ArrayLike<number> };

export interface TensorSpec {
  name: string;
  /** ggml order: the row length comes first. */
  dims: readonly number[];
  /** F32 values, row-major with dims[0] contiguous. */
  data: Float32Array;
}

/** Grows a byte buffer; GGUF headers are small, so simplicity wins over streaming here. */
class ByteSink {
  private chunks: Buffer[] = [];
  length = 0;

  push(buf: Buffer): void {
    this.chunks.push(buf);
    this.length += buf.length;
  }
  u32(n: number): void {
    const b = Buffer.alloc(4);
    b.writeUInt32LE(n);
    this.push(b);
  }
  i32(n: number): void {
    const b = Buffer.alloc(4);
    b.writeInt32LE(n);
    this.push(b);
  }
  u64(n: number): void {
    const b = Buffer.alloc(8);
    b.writeBigUInt64LE(BigInt(n));
    this.push(b);
  }
  f32(n: number): void {
    const b = Buffer.alloc(4);
    b.writeFloatLE(n);
    this.push(b);
  }
  str(s: string): void {
    const bytes = Buffer.from(s, "utf8");
    this.u64(bytes.length);
    this.push(bytes);
  }
  padTo(alignment: number): void {
    const rest = this.length % alignment;
    if (rest) this.push(Buffer.alloc(alignment - rest));
  }
  concat(): Buffer {
    return Buffer.concat(this.chunks, this.length);
  }
}

function writeValue(sink: ByteSink, v: MetadataValue): void {
  switch (v.type) {
    case "u32":
      sink.u32(ValueType.Uint32);
      sink.u32(v.value);
      return;
    case "f32":
      sink.u32(ValueType.Float32);
      sink.f32(v.value);
      return;
    case "bool":
      sink.u32(ValueType.Bool);
      sink.push(Buffer.from([v.value ? 1 : 0]));
      return;
    case "string":
      sink.u32(ValueType.String);
      sink.str(v.value);
      return;
    case "string[]":
      sink.u32(ValueType.Array);
      sink.u32(ValueType.String);
      sink.u64(v.value.length);
      for (const s of v.value) sink.str(s);
      return;
    case "f32[]":
      sink.u32(ValueType.Array);
      sink.u32(ValueType.Float32);
      sink.u64(v.value.length);
      sink.push(Buffer.from(Float32Array.from(v.value).buffer));
      return;
    case "i32[]":
      sink.u32(ValueType.Array);
      sink.u32(ValueType.Int32);
      sink.u64(v.value.length);
      sink.push(Buffer.from(Int32Array.from(v.value).buffer));
      return;
  }
}

const alignUp = (n: number) => Math.ceil(n / ALIGNMENT) * ALIGNMENT;

export async function writeGguf(
  path: string,
  metadata: Record<string, MetadataValue>,
  tensors: readonly TensorSpec[],
): Promise<void> {
  const head = new ByteSink();
  head.push(Buffer.from("GGUF", "ascii"));
  head.u32(3);
  head.u64(tensors.length);
  head.u64(Object.keys(metadata).length);
  for (const [key, value] of Object.entries(metadata)) {
    head.str(key);
    writeValue(head, value);
  }

  let offset = 0;
  for (const t of tensors) {
    const count = t.dims.reduce((a, b) => a * b, 1);
    if (count !== t.data.length) throw new Error(`tensor ${t.name}: ${t.data.length} values for dims ${t.dims}`);
    head.str(t.name);
    head.u32(t.dims.length);
    for (const d of t.dims) head.u64(d);
    head.u32(0); // ggml type F32
    head.u64(offset);
    offset = alignUp(offset + t.data.byteLength);
  }
  head.padTo(ALIGNMENT);

  const file = await open(path, "w");
  try {
    await file.write(head.concat());
    for (const t of tensors) {
      const bytes = Buffer.from(t.data.buffer, t.data.byteOffset, t.data.byteLength);
      await file.write(bytes);
      const pad = alignUp(bytes.length) - bytes.length;
      if (pad) await file.write(Buffer.alloc(pad));
    }
  } finally {
    await file.close();
  }
}

import { describe, expect, it } from "vitest";
import { readBoundedBody } from "./body";
import { AttachmentError } from "./errors";

const streamOf = (...chunks: (Uint8Array | Error)[]) =>
  new ReadableStream<Uint8Array>({
    pull(controller) {
      const next = chunks.shift();
      if (next === undefined) controller.close();
      else if (next instanceof Error) controller.error(next);
      else controller.enqueue(next);
    },
  });

const reasonOf = async (promise: Promise<unknown>) => {
  const error = await promise.catch((e: unknown) => e);
  expect(error).toBeInstanceOf(AttachmentError);
  return (error as AttachmentError).reason;
};

describe("readBoundedBody", () => {
  it("reads a body up to exactly the limit", async () => {
    const bytes = await readBoundedBody(streamOf(new Uint8Array(6), new Uint8Array(4)), 10, 10, 1);
    expect(bytes.length).toBe(10);
    expect((await readBoundedBody(streamOf(new Uint8Array(3)), null, 10, 1)).length).toBe(3);
  });

  it("refuses a declared length over the limit without reading, and a longer stream at limit + 1", async () => {
    let pulled = false;
    const untouched = new ReadableStream<Uint8Array>({ pull: () => void (pulled = true) }, { highWaterMark: 0 });
    expect(await reasonOf(readBoundedBody(untouched, 11, 10, 1))).toBe("too_large");
    expect(pulled).toBe(false);
    expect(await reasonOf(readBoundedBody(streamOf(new Uint8Array(8), new Uint8Array(8)), null, 10, 1))).toBe("too_large");
  });

  it("refuses empty bodies, bodies shorter or longer than declared, and a stream that breaks", async () => {
    expect(await reasonOf(readBoundedBody(null, null, 10, 1))).toBe("empty");
    expect(await reasonOf(readBoundedBody(streamOf(), null, 10, 1))).toBe("empty");
    expect(await reasonOf(readBoundedBody(streamOf(new Uint8Array(5)), 0, 10, 1))).toBe("empty");
    expect(await reasonOf(readBoundedBody(streamOf(new Uint8Array(5)), 9, 10, 1))).toBe("incomplete");
    expect(await reasonOf(readBoundedBody(streamOf(new Uint8Array(5)), 4, 10, 1))).toBe("incomplete");
    expect(await reasonOf(readBoundedBody(streamOf(new Uint8Array(5), new Error("ECONNRESET")), null, 10, 1))).toBe("incomplete");
  });

  it("says the limit in the message and the parameters", async () => {
    const error = (await readBoundedBody(null, 50 * 1024 * 1024, 1024, 10).catch((e: unknown) => e)) as AttachmentError;
    expect(error.params).toEqual({ maxMegabytes: 10 });
    expect(error.message).toBe("O arquivo passa do limite de 10 MB desta clínica.");
    expect(error.toJSON()).toEqual({ error: { code: "validation", message: error.message, fields: { file: [error.message] }, reason: "too_large", params: { maxMegabytes: 10 } } });
  });
});

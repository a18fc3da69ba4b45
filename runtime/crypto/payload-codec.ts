/**
 * AES-256-GCM payload codec for every Temporal payload (workflow inputs, update arguments and results, activity inputs
 * and results, query results, memos): the Temporal server, its database and its UI see only ciphertext. Follows the
 * SDK's encryption sample: the whole Payload protobuf is encrypted into a new payload marked `binary/encrypted` with
 * the key id, so keys can rotate (older ids still decode). Payloads without the marker pass through decode unchanged,
 * which keeps histories recorded before the codec replayable.
 *
 * A `binary/null` payload (undefined: a step or a read-model write that answers nothing) has no data, so it stays as it
 * is: encrypting nothing would add about 115 bytes of key id and tag to every such result in every history.
 */
import type { Payload, PayloadCodec } from '@temporalio/common';
import { temporal } from '@temporalio/proto';
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { KeyProvider } from './key-provider';

export const ENCRYPTED_ENCODING = 'binary/encrypted';
const KEY_ID = 'encryption-key-id';
const enc = new TextEncoder();
const dec = new TextDecoder();

const NULL_ENCODING = 'binary/null';
const isNull = (p: Payload) =>
  !p.data?.length && Object.keys(p.metadata ?? {}).length === 1 && !!p.metadata?.encoding && dec.decode(p.metadata.encoding) === NULL_ENCODING;

export class EncryptionCodec implements PayloadCodec {
  private constructor(
    private readonly keys: Map<string, Buffer>,
    private readonly currentId: string,
  ) {}

  static async create(provider: KeyProvider): Promise<EncryptionCodec> {
    const keys = await provider.codecKeys();
    return new EncryptionCodec(new Map(keys.map((k) => [k.id, k.key])), keys[0]!.id);
  }

  async encode(payloads: Payload[]): Promise<Payload[]> {
    return payloads.map((p) => {
      if (isNull(p)) return p;
      const iv = randomBytes(12);
      const c = createCipheriv('aes-256-gcm', this.keys.get(this.currentId)!, iv);
      const plain = temporal.api.common.v1.Payload.encode(p).finish();
      const data = Buffer.concat([iv, c.update(plain), c.final(), c.getAuthTag()]);
      return { metadata: { encoding: enc.encode(ENCRYPTED_ENCODING), [KEY_ID]: enc.encode(this.currentId) }, data };
    });
  }

  async decode(payloads: Payload[]): Promise<Payload[]> {
    return payloads.map((p) => {
      const encoding = p.metadata?.encoding;
      if (!encoding || dec.decode(encoding) !== ENCRYPTED_ENCODING) return p;
      const id = p.metadata?.[KEY_ID] ? dec.decode(p.metadata[KEY_ID]) : '';
      const key = this.keys.get(id);
      if (!key) throw new Error(`payload encrypted with unknown codec key '${id}'`);
      const data = Buffer.from(p.data ?? new Uint8Array());
      const d = createDecipheriv('aes-256-gcm', key, data.subarray(0, 12));
      d.setAuthTag(data.subarray(data.length - 16));
      const plain = Buffer.concat([d.update(data.subarray(12, data.length - 16)), d.final()]);
      return temporal.api.common.v1.Payload.decode(plain);
    });
  }
}

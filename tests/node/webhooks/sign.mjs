// Signs a webhook payload with the SENDER'S OWN library, so the .NET verifier is tested against
// what GitHub, Stripe and Standard Webhooks senders really produce, not against our own signer.
// Used by tests/FanOut.IntegrationTests/Webhooks.
//
// Usage: node sign.mjs '<json request>'   (or the request on stdin)
//   request: { "kind": "github" | "stripe" | "standard",
//              "secret": string,            // github: any text; stripe: whsec_...; standard: whsec_<base64>
//              "payloadFile"?: string,      // path of the raw body (read as UTF-8, byte for byte)
//              "payload"?: string,          // or the raw body itself
//              "timestamp"?: number,        // Unix seconds (stripe, standard); default now
//              "id"?: string }              // standard: the message id; default msg_<random>
// stdout: the signature headers as one JSON object, e.g. {"Stripe-Signature":"t=...,v1=..."}.
// On a bad request: a message on stderr and exit code 1.
import { readFileSync } from 'node:fs';
import { randomUUID } from 'node:crypto';

const readRequest = () => JSON.parse(process.argv[2] ?? readFileSync(0, 'utf8'));

// The libraries sign strings; decoding strictly (keeping any BOM) makes the string's UTF-8 the file's bytes.
const readPayload = (request) => {
  if (typeof request.payload === 'string') return request.payload;
  if (typeof request.payloadFile !== 'string') throw new Error('payloadFile or payload is required');
  return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(readFileSync(request.payloadFile));
};

// Each signer loads only its own library: node starts once per signature in the tests.
const signers = {
  async github({ secret }, payload) {
    const { sign } = await import('@octokit/webhooks-methods');
    return { 'X-Hub-Signature-256': await sign(secret, payload) };
  },
  async stripe({ secret }, payload, timestamp) {
    const { default: Stripe } = await import('stripe');
    // The API key is never used: generateTestHeaderString only signs, offline.
    const stripe = new Stripe('sk_test_unused');
    return { 'Stripe-Signature': stripe.webhooks.generateTestHeaderString({ payload, secret, timestamp }) };
  },
  async standard({ secret, id }, payload, timestamp) {
    const { Webhook: StandardWebhook } = await import('standardwebhooks');
    const msgId = id ?? `msg_${randomUUID().replaceAll('-', '')}`;
    return {
      'webhook-id': msgId,
      'webhook-timestamp': String(timestamp),
      'webhook-signature': new StandardWebhook(secret).sign(msgId, new Date(timestamp * 1000), payload),
    };
  },
};

try {
  const request = readRequest();
  const signer = signers[request.kind];
  if (!signer) throw new Error(`kind must be one of ${Object.keys(signers).join(', ')}; got ${request.kind}`);
  if (typeof request.secret !== 'string' || request.secret === '') throw new Error('secret is required');
  const timestamp = Number.isInteger(request.timestamp) ? request.timestamp : Math.floor(Date.now() / 1000);
  const headers = await signer(request, readPayload(request), timestamp);
  process.stdout.write(JSON.stringify(headers) + '\n');
} catch (error) {
  process.stderr.write(`sign.mjs: ${error.message}\n`);
  process.exitCode = 1;
}

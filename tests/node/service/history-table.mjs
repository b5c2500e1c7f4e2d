// The service's history table in Azurite, looked at and changed behind the service's back: what a test
// needs to make history lose messages (a retention cut) or be recreated (a new epoch). Azurite wants
// Shared Key signatures; SharedKeyLite for tables is a date and a path, signed with the dev key.
import { createHmac } from 'node:crypto';

const ACCOUNT = 'devstoreaccount1';
// Azurite's public, documented development key (never a real one).
const KEY = 'Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==';
const TABLE = 'FanOutHistory';

export class HistoryTable {
  constructor(tablePort) {
    this.base = `http://127.0.0.1:${tablePort}`;
  }

  async #send(method, path, query = '') {
    const date = new Date().toUTCString();
    const signature = createHmac('sha256', Buffer.from(KEY, 'base64')).update(`${date}\n/${ACCOUNT}${path}`).digest('base64');
    const response = await fetch(`${this.base}${path}${query}`, {
      method,
      headers: {
        'x-ms-date': date,
        'x-ms-version': '2019-02-02',
        Authorization: `SharedKeyLite ${ACCOUNT}:${signature}`,
        Accept: 'application/json;odata=nometadata',
        'If-Match': '*',
      },
    });
    if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
    return response.status === 204 ? null : response.json();
  }

  /** Every row of a group's history partition: the head, message rows, id rows. */
  async rows(hub, group) {
    const filter = encodeURIComponent(`PartitionKey eq '${hub}|${group}'`);
    const answer = await this.#send('GET', `/${ACCOUNT}/${TABLE}()`, `?$filter=${filter}`);
    return answer.value;
  }

  async #delete(row) {
    const pk = encodeURIComponent(row.PartitionKey.replaceAll("'", "''"));
    const rk = encodeURIComponent(row.RowKey.replaceAll("'", "''"));
    await this.#send('DELETE', `/${ACCOUNT}/${TABLE}(PartitionKey='${pk}',RowKey='${rk}')`);
  }

  /** Deletes the message rows up to `offset` (as a retention policy would). */
  async trim(hub, group, offset) {
    const rows = await this.rows(hub, group);
    for (const row of rows.filter((r) => /^\d{19}$/.test(r.RowKey) && Number(r.RowKey) <= offset)) await this.#delete(row);
  }

  /** Deletes the whole history, head included: the next message starts a new epoch at offset 1. */
  async drop(hub, group) {
    for (const row of await this.rows(hub, group)) await this.#delete(row);
  }
}

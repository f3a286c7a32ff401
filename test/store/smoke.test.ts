import { describe, expect, it } from 'vitest';
import { backends } from '../support/backends.js';

for (const backend of backends()) {
  describe(`[${backend.name}] store basics`, () => {
    it('starts empty and verifies', async () => {
      const store = await backend.fresh();
      const report = await store.verify();
      expect(report.ok).toBe(true);
      expect(report.events).toBe(0);
      await store.close();
    });
  });
}

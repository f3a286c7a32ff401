/**
 * Filling the app's forms as a person does, whatever control a field is made of: a person or a
 * body chosen by name (a <select>, or a text box that suggests options), a date typed into a date
 * or date-and-time box, and a step confirmed then waited for — its form closing, or its error
 * shown and reported.
 */
import type { Locator, Page } from 'playwright-core';

/** Chooses `name` in the field: the option whose text holds it in a <select>; otherwise types it and picks the suggestion naming it, if one shows. */
export async function choose(page: Page, field: Locator, name: string): Promise<void> {
  const tag = await field.evaluate((el: { tagName: string }) => el.tagName.toLowerCase());
  if (tag === 'select') {
    const options = await field.locator('option').evaluateAll((els: { value: string; textContent: string | null }[]) => els.map((o) => ({ value: o.value, text: (o.textContent ?? '').trim() })));
    const option = options.find((o) => o.text === name) ?? options.find((o) => o.text.includes(name));
    if (option === undefined) throw new Error(`no option "${name}" in the list (${options.map((o) => o.text).slice(0, 20).join(' | ')})`);
    await field.selectOption(option.value);
    return;
  }
  await field.fill(name);
  const suggestion = page.getByRole('option', { name });
  try {
    await suggestion.first().waitFor({ timeout: 3_000 });
  } catch {
    return; // A plain text box (or a datalist the app resolves itself): the name typed is the choice.
  }
  await suggestion.first().click();
}

/** Two digits. */
const two = (n: number): string => String(n).padStart(2, '0');

/** Types an instant into a date (YYYY-MM-DD) or date-and-time (YYYY-MM-DDTHH:MM) field, in UTC. */
export async function fillDate(field: Locator, at: Date): Promise<void> {
  const type = (await field.getAttribute('type')) ?? 'text';
  const day = `${at.getUTCFullYear()}-${two(at.getUTCMonth() + 1)}-${two(at.getUTCDate())}`;
  await field.fill(type === 'datetime-local' ? `${day}T${two(at.getUTCHours())}:${two(at.getUTCMinutes())}` : day);
}

/**
 * Clicks the button that confirms a step, then waits until `gone` (a field of the step's form) is
 * hidden; if an alert shows first, fails with its text.
 */
export async function confirmStep(page: Page, button: Locator, gone: Locator, what: string): Promise<void> {
  await button.click();
  const alert = page.getByRole('alert').filter({ hasText: /\S/ }).first();
  // Both waits end (the loser times out later, harmlessly): neither may reject unhandled.
  const outcome = await Promise.race([
    gone.waitFor({ state: 'hidden' }).then(
      () => 'done' as const,
      () => 'stuck' as const,
    ),
    alert.waitFor().then(
      () => 'alert' as const,
      () => 'stuck' as const,
    ),
  ]);
  if (outcome === 'done' || !(await gone.isVisible())) return;
  const said = outcome === 'alert' ? `the page said "${(await alert.innerText()).trim()}"` : 'its form did not close';
  throw new Error(`${what}: ${said}`);
}

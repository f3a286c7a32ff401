/**
 * The city's post profiles (F9), declared by the system at the end of the generated period: each
 * division serves one district (its territory), department posts serve the whole city; a director
 * or deputy director's work is the department's domain and management (they direct rather than own
 * cases: no floor); a division head needs a few verified cases in the domain, at least half of them
 * (lower Wilson bound) first-time; staff posts ask nothing.
 */
import { SYSTEM_ACTOR } from '../../domain/event.js';
import type { CityOrganisation } from './city-model.js';
import { DISTRICTS } from './city-words.js';
import type { CommandDriver } from './command-driver.js';

/** Declares a profile for every post of the city, at `at` (ms). Returns how many were declared. */
export async function declareCityProfiles(driver: CommandDriver, org: CityOrganisation, at: number): Promise<number> {
  const districtOf = new Map<string, string>();
  org.departments.flatMap((d) => d.divisions).forEach((u, i) => districtOf.set(u.id, DISTRICTS[i % DISTRICTS.length] as string));
  const departmentUnits = new Set(org.departments.map((d) => d.unit.id));
  const domainOfDepartment = new Map(org.departments.map((d) => [d.unit.id, d.spec.domain]));
  for (const post of org.posts) {
    const territory = districtOf.get(post.unit.id) ?? null;
    const department = departmentUnits.has(post.unit.id);
    const domain = domainOfDepartment.get(post.unit.id) ?? post.domain;
    const profile = department
      ? { domains: [{ domain, weight: 0.7 }, { domain: 'management', weight: 0.3 }], minVerified: 0, minFirstTime: null, minOnTime: null }
      : territory !== null && post.head
        ? { domains: [{ domain: post.domain, weight: 1 }], minVerified: 3, minFirstTime: 0.5, minOnTime: null }
        : { domains: [{ domain: post.domain, weight: 1 }], minVerified: 0, minFirstTime: null, minOnTime: null };
    await driver.issue(at, SYSTEM_ACTOR, { type: 'post.declare-profile', postId: post.id, territory, ...profile });
  }
  return org.posts.length;
}

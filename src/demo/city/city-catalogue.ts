/**
 * The departments of the generated city, Northbridge: what each is called, its divisions, the
 * sector of the deputy mayor it answers to, the topics its decisions deal with, and the kinds of
 * task it is given (with the figure that shows each one done). Placeholders in titles:
 * {street}, {district}, {park}, {n}.
 */

/** A deputy mayor's sector. */
export type Sector = 'urban' | 'social' | 'finance';

/** A kind of task a department is given, and the figure that evidences it. */
export interface TaskTemplate {
  readonly title: string;
  readonly done: string;
  readonly figure: { readonly label: string; readonly unit?: string; readonly min: number; readonly max: number };
}

/** A department of the catalogue. */
export interface DepartmentSpec {
  readonly key: string;
  readonly name: string;
  readonly domain: string;
  readonly sector: Sector;
  readonly divisions: readonly string[];
  readonly topics: readonly string[];
  readonly tasks: readonly TaskTemplate[];
}

/** The city's name. */
export const CITY_NAME = 'Northbridge';

/** The deputy mayors' posts, by sector. */
export const SECTOR_TITLES: Readonly<Record<Sector, string>> = {
  urban: 'Deputy Mayor for Urban Economy',
  social: 'Deputy Mayor for Social Affairs',
  finance: 'Deputy Mayor for Finance and Administration',
};

const t = (title: string, done: string, label: string, min: number, max: number, unit?: string): TaskTemplate => ({
  title,
  done,
  figure: unit === undefined ? { label, min, max } : { label, unit, min, max },
});

/** The departments, in the order the sizes take them. */
export const DEPARTMENTS: readonly DepartmentSpec[] = [
  {
    key: 'transport',
    name: 'Department of Transport and Roads',
    domain: 'transport',
    sector: 'urban',
    divisions: ['Road Maintenance Division', 'Public Transport Division', 'Traffic Management Division'],
    topics: ['the summer road repair programme', 'bus network changes for the school year', 'road safety near schools', 'winter road maintenance readiness', 'parking in the city centre'],
    tasks: [
      t('Repair the road surface on {street}', 'Potholes patched and the section resurfaced end to end; acceptance act signed; photographs before and after.', 'Road surface repaired', 200, 6000, 'm²'),
      t('Re-time the traffic lights at the {street} crossing', 'New signal plan installed and running; peak-hour queues measured before and after.', 'Peak-hour queue reduction', 5, 40, '%'),
      t('Replace the bus shelters on {street}', 'Old shelters removed, new ones installed and lit; stop signs updated.', 'Shelters replaced', 1, 6),
      t('Repaint the pedestrian crossings near School No. {n}', 'Every crossing within 300 m of the school repainted and signed.', 'Crossings repainted', 2, 12),
      t('Clear the blocked storm drains along {street}', 'Every drain on the list cleared and tested with water.', 'Drains cleared', 5, 60),
      t('Survey the condition of the bridges in {district}', 'Each bridge inspected, its condition rated and urgent defects listed.', 'Bridges surveyed', 1, 9),
    ],
  },
  {
    key: 'housing',
    name: 'Department of Housing and Utilities',
    domain: 'housing',
    sector: 'urban',
    divisions: ['Housing Stock Division', 'Water and Sewerage Division', 'Heating Division'],
    topics: ['preparing the heating season 2026/27', 'the roof repair programme', 'water supply interruptions', 'emergency housing for displaced residents', 'lift replacement in municipal blocks'],
    tasks: [
      t('Repair the roof of the block at {street} {n}', 'Roof repaired and watertight after rain; residents of the top floor confirm no leaks.', 'Roof area repaired', 80, 900, 'm²'),
      t('Fix the water main leak on {street}', 'Leak repaired, pressure restored and the road surface reinstated.', 'Water loss stopped', 10, 300, 'm³/day'),
      t('Pressure-test the heating network in {district}', 'Network tested at working pressure; every failed section repaired and tested again.', 'Pipeline tested', 1, 25, 'km'),
      t('Replace the lift in the block at {street} {n}', 'New lift installed, certified and in service.', 'Lifts replaced', 1, 2),
      t('Restore hot water to the blocks on {street}', 'Hot water back in every flat on the list; readings at the far taps recorded.', 'Flats reconnected', 20, 400),
      t('Inspect the emergency housing stock in {district}', 'Each flat inspected and classed fit or unfit, with the repairs needed.', 'Flats inspected', 5, 80),
    ],
  },
  {
    key: 'social',
    name: 'Department of Social Services',
    domain: 'social',
    sector: 'social',
    divisions: ['Benefits Division', 'Elderly Care Division', 'Family Support Division'],
    topics: ['the backlog of benefit claims', 'care for lonely elderly residents', 'heating allowances for the winter', 'accessibility of public buildings', 'support for families in temporary housing'],
    tasks: [
      t('Clear the backlog of housing benefit claims from {district}', 'Every claim older than 30 days decided and the claimant notified.', 'Claims decided', 50, 900),
      t('Visit the lonely elderly residents of {district} at home', 'Each resident on the list visited, needs recorded and services arranged.', 'Residents visited', 20, 400),
      t('Open a day centre for the elderly on {street}', 'Centre open on weekdays with staff, meals and a published timetable.', 'Places', 10, 60),
      t('Pay the heating allowances in {district}', 'Allowances paid to every eligible household on the list.', 'Households paid', 50, 1500),
      t('Check the accessibility of the public buildings on {street}', 'Each building checked against the standard; defects listed with the owner.', 'Buildings checked', 3, 25),
    ],
  },
  {
    key: 'planning',
    name: 'Department of Urban Planning and Construction',
    domain: 'planning',
    sector: 'urban',
    divisions: ['Permits Division', 'Capital Construction Division'],
    topics: ['building permits in the new districts', 'the kindergarten construction programme', 'the zoning plan revision', 'unauthorised construction'],
    tasks: [
      t('Decide the pending building permits for {district}', 'Every application older than 60 days decided and the decisions published.', 'Permits decided', 3, 40),
      t('Complete the design of the new kindergarten in {district}', 'Design approved by the expert review and handed to procurement.', 'Design sheets approved', 10, 60),
      t('Hand over the renovated clinic on {street} to the Department of Health', 'Works accepted, defects cleared and keys handed over with the acceptance act.', 'Floor area handed over', 300, 2500, 'm²'),
      t('Publish the draft zoning plan for {district}', 'Draft published, public hearing held and comments recorded.', 'Comments received', 10, 300),
      t('Inspect the unauthorised construction on {street}', 'Each site inspected, orders issued and their deadlines set.', 'Sites inspected', 1, 15),
    ],
  },
  {
    key: 'health',
    name: 'Department of Health',
    domain: 'health',
    sector: 'social',
    divisions: ['Primary Care Division', 'Public Health Division'],
    topics: ['waiting times in primary care', 'the school vaccination campaign', 'food safety in school canteens', 'ambulance response times'],
    tasks: [
      t('Open evening hours at the polyclinic on {street}', 'Evening consultations running on weekdays and published on the city website.', 'Extra consultation hours per week', 10, 60),
      t('Run the vaccination campaign in the schools of {district}', 'Every school visited; vaccinations recorded in the register.', 'Pupils vaccinated', 100, 3000),
      t('Cut the waiting time for a GP appointment in {district}', 'Median wait measured over four weeks after the change.', 'Median wait', 1, 10, 'days'),
      t('Inspect the food safety of the school canteens in {district}', 'Each canteen inspected; findings and orders recorded.', 'Canteens inspected', 3, 30),
      t('Equip the ambulance station on {street}', 'Vehicles equipped to the standard and back in service.', 'Vehicles equipped', 1, 6),
    ],
  },
  {
    key: 'education',
    name: 'Department of Education',
    domain: 'education',
    sector: 'social',
    divisions: ['Schools Division', 'Pre-school Division'],
    topics: ['preparing the schools for the school year', 'kindergarten places', 'school transport', 'school building repairs'],
    tasks: [
      t('Renovate the classrooms of School No. {n}', 'Classrooms renovated, furnished and accepted by the head teacher.', 'Classrooms renovated', 2, 20),
      t('Open additional kindergarten places in {district}', 'Places open with staff, and the waiting list updated.', 'Places opened', 10, 120),
      t('Deliver the textbooks for the school year to School No. {n}', 'Every class has its sets, signed for by the school.', 'Textbook sets delivered', 100, 1200),
      t('Repair the sports hall of School No. {n}', 'Hall repaired and reopened for lessons.', 'Floor area repaired', 200, 900, 'm²'),
      t('Arrange school transport for the pupils of {district}', 'Routes running every school day with the timetable sent to the families.', 'Pupils carried daily', 20, 300),
    ],
  },
  {
    key: 'environment',
    name: 'Department of Environment and Parks',
    domain: 'environment',
    sector: 'urban',
    divisions: ['Parks and Greenery Division', 'Waste Management Division'],
    topics: ['the tree planting programme', 'illegal dumping', 'separate waste collection', 'playgrounds in the parks'],
    tasks: [
      t('Plant trees along {street}', 'Trees planted, staked and watered; the care contract signed for two years.', 'Trees planted', 10, 250),
      t('Remove the illegal dump near {street}', 'Site cleared, waste taken to the licensed facility and the site fenced.', 'Waste removed', 2, 80, 't'),
      t('Restore the playground in {park}', 'Every play item repaired or replaced and certified safe.', 'Play items repaired', 3, 20),
      t('Install separate collection bins in {district}', 'Bins installed and the collection schedule running.', 'Bins installed', 10, 200),
      t('Measure the air quality near {street}', 'Measurements taken over two weeks and published.', 'Measurements taken', 10, 120),
    ],
  },
  {
    key: 'safety',
    name: 'Department of Public Safety and Emergencies',
    domain: 'safety',
    sector: 'urban',
    divisions: ['Civil Protection Division', 'Inspections Division'],
    topics: ['flood preparedness', 'fire safety in public buildings', 'the public alert system', 'evacuation drills in schools'],
    tasks: [
      t('Check the fire hydrants in {district}', 'Each hydrant tested for pressure and marked; defects repaired.', 'Hydrants checked', 10, 150),
      t('Update the flood response plan for {district}', 'Plan updated with the addresses at risk and the evacuation points.', 'Addresses covered', 100, 3000),
      t('Inspect the fire exits of the shopping centres in {district}', 'Each centre inspected and orders issued where exits are blocked.', 'Buildings inspected', 2, 20),
      t('Repair the public alert sirens in {district}', 'Sirens repaired and heard in the monthly test.', 'Sirens repaired', 1, 10),
      t('Run the evacuation drill at School No. {n}', 'Drill held with the fire service; evacuation time recorded.', 'People evacuated', 200, 1200),
    ],
  },
  {
    key: 'finance',
    name: 'Department of Finance',
    domain: 'finance',
    sector: 'finance',
    divisions: ['Budget Division', 'Procurement Division', 'Revenue Division'],
    topics: ['the mid-year budget revision', 'procurement of road works', 'property tax arrears', 'the quarterly spending report'],
    tasks: [
      t('Prepare the budget revision lines for {district}', 'Revision lines prepared, checked and sent to the executive committee.', 'Budget lines revised', 20, 300),
      t('Run the tender for the works on {street}', 'Tender published, bids evaluated and the contract awarded.', 'Bids evaluated', 2, 12),
      t('Collect the overdue property tax in {district}', 'Notices sent and arrears collected or scheduled.', 'Arrears collected', 20, 900, 'thousand'),
      t('Audit the procurement contracts of the projects in {district}', 'Each contract audited; findings sent to the owners.', 'Contracts audited', 5, 60),
      t('Publish the spending report for {district}', 'Report published on the open-data portal, line by line.', 'Spending lines published', 100, 2000),
    ],
  },
  {
    key: 'culture',
    name: 'Department of Culture and Sport',
    domain: 'culture',
    sector: 'social',
    divisions: ['Libraries and Museums Division', 'Sports Facilities Division'],
    topics: ['library opening hours', 'the summer festival', 'sports facilities repairs', 'the museum archive'],
    tasks: [
      t('Reopen the library branch on {street}', 'Branch open with the published hours and its catalogue online.', 'Opening hours per week', 20, 50),
      t('Organise the summer festival in {park}', 'Festival held; safety plan approved; visitors counted.', 'Visitors', 500, 20000),
      t('Resurface the football pitch in {park}', 'Pitch resurfaced and reopened for clubs.', 'Pitch area', 2000, 8000, 'm²'),
      t('Digitise the museum archive collection of {district}', 'Items scanned, described and published in the online catalogue.', 'Items digitised', 100, 5000),
      t('Repair the swimming pool in {district}', 'Pool repaired, water tested and reopened.', 'Days closed', 3, 40),
    ],
  },
  {
    key: 'digital',
    name: 'Department of Digital and Citizen Services',
    domain: 'digital',
    sector: 'finance',
    divisions: ['Citizen Service Centres Division', 'Digital Services Division'],
    topics: ['queues at the citizen service centres', 'online services for residents', 'the backlog of residents\' letters', 'the open-data portal'],
    tasks: [
      t('Cut the queue at the citizen service centre on {street}', 'Median wait measured over four weeks after the change.', 'Median wait', 5, 60, 'min'),
      t('Put the parking permit application online for {district}', 'Application form online, connected to the register, and tested by residents.', 'Applications filed online', 50, 2000),
      t('Answer the backlog of residents\' letters from {district}', 'Every letter older than 30 days answered in substance.', 'Letters answered', 50, 900),
      t('Restore the open-data portal after the outage', 'Portal back, monitoring in place and the cause written down.', 'Uptime over the month', 95, 100, '%'),
      t('Publish the register of decisions and their execution for {district}', 'Register published and updated weekly.', 'Decisions published', 20, 300),
    ],
  },
];

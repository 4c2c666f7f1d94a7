/**
 * The prevention work the figures count beside the petitions (「抓早、抓小」, Art 18): disputes found
 * in risk screening (矛盾纠纷排查) — registered in the period by grade, closed in it, and open past
 * their deadline now — cases leaders took as 包案 in the period and how many of those are concluded,
 * leaders' visits to the grassroots (下访) held in the period with the petitions they produced, and
 * leaders' reception days (领导接访日) held in the period: the people booked, who came (received
 * among them), who did not, whose booking the desk never recorded, and the cases registered.
 */
export const PREVENTION_FIGURES = [
  'screening.A',
  'screening.B',
  'screening.C',
  'screening.closed',
  'screening.overdue',
  'owned.taken',
  'owned.concluded',
  'visits.held',
  'visits.cases',
  'reception.days',
  'reception.booked',
  'reception.came',
  'reception.noShow',
  'reception.unrecorded',
  'reception.received',
  'reception.cases',
] as const;
export type PreventionFigure = (typeof PREVENTION_FIGURES)[number];

// The report's parts, in order. A new part is a ReportSection in its own file and one line here.
import { changedSection } from './changed';
import { allRecommendationsSection, notesSection, openQuestionsSection } from './notes';
import { decisionsSection, questionsSummarySection, recommendationsSection, topRisksSection } from './findings';
import { flowsSection } from './flows';
import { effortSection, historySection } from './history';
import { limitsSection } from './limits';
import { coverageSection, moduleMapSection } from './map';
import { routesSection } from './routes';
import { apiSpecSection } from './apiSpec';
import type { ReportSection } from './types';
import { verdictSection } from './verdict';

/** The executive summary: one printed page. */
export const SUMMARY_SECTIONS: ReportSection[] = [verdictSection, limitsSection, topRisksSection, decisionsSection, recommendationsSection, questionsSummarySection];

/** The engineering appendix. */
export const APPENDIX_SECTIONS: ReportSection[] = [
  moduleMapSection,
  coverageSection,
  changedSection,
  routesSection,
  apiSpecSection,
  flowsSection,
  notesSection,
  allRecommendationsSection,
  openQuestionsSection,
  historySection,
  effortSection,
];

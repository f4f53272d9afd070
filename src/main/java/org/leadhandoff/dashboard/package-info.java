/** The sales manager's SLA figures: the summary API, its CSV exports and the dashboard page. */
package org.leadhandoff.dashboard;

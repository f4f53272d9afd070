/** SLA clocks: due dates from a calendar, and a record of every clock started, met or breached. */
package org.leadhandoff.sla;

/**
 * The handoff's user tasks: listing them by SLA deadline (API and inbox), claiming them from a
 * team queue, and completing them against their forms (API and task pages).
 */
package org.leadhandoff.tasks;

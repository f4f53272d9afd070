/** The handoff's user tasks: listing them by SLA deadline and completing them against their forms. */
package org.leadhandoff.tasks;

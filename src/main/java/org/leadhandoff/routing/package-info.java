/**
 * Routes a lead to a team and priority (the LeadRouting decision table) and to a rep by weighted
 * round robin over those active, not on leave and below capacity; managers keep their reps here
 * (/api/reps and the /reps page).
 */
package org.leadhandoff.routing;

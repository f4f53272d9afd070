/**
 * Who may do what: sign-in against Camunda's users (also for Cockpit, Tasklist and Admin), API
 * keys for integrations, roles from groups.
 */
package org.leadhandoff.security;

/** Who may do what: sign-in against Camunda's users, API keys for integrations, roles from groups. */
package org.leadhandoff.security;

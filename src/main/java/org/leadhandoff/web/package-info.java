/**
 * Web code every feature shares: problem details for API errors, error pages, flash messages,
 * deadline display and risk, input checks, the home page.
 */
package org.leadhandoff.web;

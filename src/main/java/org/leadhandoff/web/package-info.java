/** Web code every feature shares: problem details for API errors, input checks, the home page. */
package org.leadhandoff.web;

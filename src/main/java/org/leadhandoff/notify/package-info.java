/** Mail and the in-app bell for reps and managers, and the webhook that hands sales-qualified leads to the CRM. */
package org.leadhandoff.notify;

/** Scores leads from their profile and engagement, and explains every score. */
package org.leadhandoff.scoring;

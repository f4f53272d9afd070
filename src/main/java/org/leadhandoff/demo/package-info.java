/** The contract's demo users, groups and teams, so the application is usable on first start. */
package org.leadhandoff.demo;

package org.dndguard.web.internal;

/**
 * A process instance id that the engine knows neither running nor in its history; answered as 404
 * {@code urn:dndguard:problem:process-instance-not-found}.
 */
class ProcessInstanceNotFoundException extends RuntimeException {

  ProcessInstanceNotFoundException(String processInstanceId) {
    super("The process engine knows no process instance '" + processInstanceId + "', running or in its history;"
        + " check the id, e.g. in Cockpit or with GET /engine-rest/history/process-instance");
  }
}

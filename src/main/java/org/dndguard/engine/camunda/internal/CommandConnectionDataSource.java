package org.dndguard.engine.camunda.internal;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Set;
import javax.sql.DataSource;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.springframework.jdbc.datasource.AbstractDataSource;

/**
 * A data source whose one connection is the current engine command's own: the connection of the
 * command's {@code DbSqlSession}, on which the engine writes its rows. What is written through it
 * commits and rolls back with the command, whoever manages the engine's transactions (Spring, a JTA
 * container, or the engine itself), and no second connection is taken while the command holds one.
 *
 * <p>The engine owns that connection: closing it here does nothing, and ending its transaction
 * ({@code commit}, {@code rollback}, {@code setAutoCommit}) is refused. Outside engine commands it
 * answers with the engine's data source when it was given one (for the guard, whose DND Guard also
 * migrates and is read outside commands), and refuses otherwise (for the index, written in commands
 * only).
 */
public final class CommandConnectionDataSource extends AbstractDataSource {

  private static final Set<String> ENGINE_OWNED = Set.of("commit", "rollback", "setAutoCommit", "abort",
      "setSavepoint", "releaseSavepoint");

  private final DataSource outsideCommands;

  /** Only inside engine commands. */
  public CommandConnectionDataSource() {
    this(null);
  }

  /** Inside engine commands, the command's connection; outside them, a connection of the data source. */
  public CommandConnectionDataSource(DataSource outsideCommands) {
    this.outsideCommands = outsideCommands;
  }

  @Override
  public Connection getConnection() throws SQLException {
    CommandContext commandContext = Context.getCommandContext();
    if (commandContext == null && outsideCommands != null) {
      return outsideCommands.getConnection();
    }
    if (commandContext == null) {
      throw new IllegalStateException("DND Guard's contact index is written inside engine commands only;"
          + " there is no engine command on this thread");
    }
    Connection connection = commandContext.getDbSqlSession().getSqlSession().getConnection();
    return (Connection) Proxy.newProxyInstance(CommandConnectionDataSource.class.getClassLoader(),
        new Class<?>[] {Connection.class}, (proxy, method, args) -> invoke(connection, method, args));
  }

  @Override
  public Connection getConnection(String username, String password) throws SQLException {
    return getConnection();
  }

  private static Object invoke(Connection connection, Method method, Object[] args) throws Throwable {
    String name = method.getName();
    if (name.equals("close")) {
      return null; // the engine closes it when the command ends
    }
    if (ENGINE_OWNED.contains(name)) {
      throw new SQLException("The engine command's connection is the engine's: " + name + " is refused");
    }
    try {
      return method.invoke(connection, args);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }
}

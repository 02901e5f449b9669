package org.dndguard.engine;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;
import org.springframework.jdbc.datasource.DelegatingDataSource;

/**
 * A data source whose connections answer {@code isClosed()} once they are closed. The engine's own
 * MyBatis pool throws instead, which Flyway reports as an error after every migration.
 */
final class CloseTolerantDataSource extends DelegatingDataSource {

  CloseTolerantDataSource(DataSource target) {
    super(target);
  }

  @Override
  public Connection getConnection() throws SQLException {
    return tolerant(super.getConnection());
  }

  @Override
  public Connection getConnection(String username, String password) throws SQLException {
    return tolerant(super.getConnection(username, password));
  }

  private static Connection tolerant(Connection connection) {
    AtomicBoolean closed = new AtomicBoolean();
    InvocationHandler handler = (proxy, method, args) -> invoke(connection, closed, method, args);
    return (Connection) Proxy.newProxyInstance(CloseTolerantDataSource.class.getClassLoader(),
        new Class<?>[] {Connection.class}, handler);
  }

  private static Object invoke(Connection connection, AtomicBoolean closed, Method method, Object[] args)
      throws Throwable {
    if (method.getName().equals("isClosed") && closed.get()) {
      return true;
    }
    if (method.getName().equals("close") && closed.getAndSet(true)) {
      return null;
    }
    try {
      return method.invoke(connection, args);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }
}

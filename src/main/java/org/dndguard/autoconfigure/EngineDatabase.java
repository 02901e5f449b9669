package org.dndguard.autoconfigure;

import java.util.Objects;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.TransactionAwareDataSourceProxy;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The process engine's database and transaction manager, which every part of DND Guard uses: its
 * tables live in the engine's database, and its writes join the engine's transactions, so a skip
 * record commits with the step and a DND change with the workflow action that made it.
 *
 * <p>They are found as the Camunda Spring Boot starter finds them: the beans named (or qualified)
 * {@value #CAMUNDA_DATA_SOURCE} and {@value #CAMUNDA_TRANSACTION_MANAGER} when the application
 * defines them, else its primary data source and transaction manager. An application that sets up
 * the engine's database in another way (its own {@code CamundaDatasourceConfiguration}) defines a
 * bean of this type.
 *
 * @param dataSource the engine's data source
 * @param transactionManager the engine's transaction manager
 */
public record EngineDatabase(DataSource dataSource, PlatformTransactionManager transactionManager) {

  /** The bean the Camunda starter prefers as the engine's data source. */
  public static final String CAMUNDA_DATA_SOURCE = "camundaBpmDataSource";
  /** The bean the Camunda starter prefers as the engine's transaction manager. */
  public static final String CAMUNDA_TRANSACTION_MANAGER = "camundaBpmTransactionManager";

  private static final Logger LOG = LoggerFactory.getLogger(EngineDatabase.class);

  public EngineDatabase {
    Objects.requireNonNull(dataSource, "dataSource");
    Objects.requireNonNull(transactionManager, "transactionManager");
  }

  /**
   * Resolves the engine's database as the Camunda starter does.
   *
   * @param camundaDataSource the bean named or qualified {@value #CAMUNDA_DATA_SOURCE}, if any
   * @param dataSources the application's data sources, for its primary one
   * @param camundaTransactionManager the bean named or qualified {@value #CAMUNDA_TRANSACTION_MANAGER}, if any
   * @param transactionManagers the application's transaction managers, for its primary one
   */
  static EngineDatabase resolve(ObjectProvider<DataSource> camundaDataSource, ObjectProvider<DataSource> dataSources,
      ObjectProvider<PlatformTransactionManager> camundaTransactionManager,
      ObjectProvider<PlatformTransactionManager> transactionManagers) {
    DataSource dataSource = camundaDataSource.getIfAvailable(dataSources::getObject);
    PlatformTransactionManager transactionManager = camundaTransactionManager.getIfAvailable(
        transactionManagers::getObject);
    EngineDatabase database = new EngineDatabase(dataSource, transactionManager);
    database.warnIfTheTransactionManagerManagesAnotherDataSource();
    return database;
  }

  /**
   * A host with {@value #CAMUNDA_DATA_SOURCE} but without {@value #CAMUNDA_TRANSACTION_MANAGER}
   * gives the engine a transaction manager of another database, so neither the engine's writes
   * nor DND Guard's are transactional together; the starter accepts that silently.
   */
  private void warnIfTheTransactionManagerManagesAnotherDataSource() {
    if (transactionManager instanceof DataSourceTransactionManager managed
        && managed.getDataSource() != null && unwrap(managed.getDataSource()) != unwrap(dataSource)) {
      LOG.warn("The process engine's data source is not the one its transaction manager manages, so the engine's"
          + " and DND Guard's writes do not commit together; define a bean '{}' that manages the bean '{}'",
          CAMUNDA_TRANSACTION_MANAGER, CAMUNDA_DATA_SOURCE);
    }
  }

  private static DataSource unwrap(DataSource dataSource) {
    return dataSource instanceof TransactionAwareDataSourceProxy proxy && proxy.getTargetDataSource() != null
        ? proxy.getTargetDataSource() : dataSource;
  }
}
